package dev.kubenet.common.manifests;

import io.dekorate.ConfigurationRegistry;
import io.dekorate.ManifestGeneratorFactory;
import io.dekorate.ResourceRegistry;

/** Registered in {@code META-INF/services}, so dekorate's annotation processor loads {@link StableManifests}. */
public class StableManifestsFactory implements ManifestGeneratorFactory {

    @Override
    @SuppressWarnings("unchecked")
    public StableManifests create(ResourceRegistry resources, ConfigurationRegistry configurations) {
        return new StableManifests(resources);
    }
}
