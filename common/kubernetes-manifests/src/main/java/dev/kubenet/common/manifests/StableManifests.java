package dev.kubenet.common.manifests;

import io.dekorate.ManifestGenerator;
import io.dekorate.ResourceRegistry;
import io.dekorate.kubernetes.config.Configuration;
import io.dekorate.kubernetes.config.EditableKubernetesConfig;
import io.dekorate.kubernetes.config.KubernetesConfig;
import io.dekorate.kubernetes.decorator.RemoveAnnotationDecorator;
import io.dekorate.kubernetes.decorator.RemoveFromSelectorDecorator;
import io.dekorate.kubernetes.decorator.RemoveLabelDecorator;
import io.dekorate.utils.Annotations;
import io.dekorate.utils.Labels;

/**
 * The project's rules for what dekorate generates, where dekorate has no option for them. dekorate finds this class
 * through {@link StableManifestsFactory} and runs it after its own Kubernetes generator; it adds decorators only.
 * <ul>
 *   <li>No {@code app.kubernetes.io/version} label. dekorate puts it in the selectors of the Deployment and the
 *       Service: a Deployment's selector is immutable, so {@code kubectl apply} of the next version would fail, and
 *       during a rolling update the Service would send traffic to one version's pods only. Its value would be the
 *       Maven project version, not the image tag; the pod spec's image already names the version.</li>
 *   <li>No {@code app.dekorate.io/commit-id} and no {@code app.dekorate.io/vcs-url} annotations: they differ on every
 *       commit and every clone ({@code <<unknown>>} without a git remote), so the committed copies in {@code deploy/}
 *       could never equal what the build generates.</li>
 *   <li>Labels and selectors in the order of their keys: see {@link SortLabels}.</li>
 *   <li>LoadBalancers that keep the client's address: see {@link ClientAddressKept}.</li>
 * </ul>
 */
public class StableManifests implements ManifestGenerator<KubernetesConfig> {

    private static final String KUBERNETES = "kubernetes";

    private final ResourceRegistry resources;

    StableManifests(ResourceRegistry resources) {
        this.resources = resources;
    }

    /** After dekorate's Kubernetes generator (200); generators of equal order would replace each other. */
    @Override
    public int order() {
        return 1000;
    }

    /** The same group as dekorate's Kubernetes generator: disabling that group disables these rules too. */
    @Override
    public String getKey() {
        return KUBERNETES;
    }

    @Override
    public boolean accepts(Class<? extends Configuration> type) {
        return type.equals(KubernetesConfig.class) || type.equals(EditableKubernetesConfig.class);
    }

    @Override
    public void generate(KubernetesConfig config) {
        resources.decorate(KUBERNETES, new RemoveFromSelectorDecorator(config.getName(), Labels.VERSION));
        resources.decorate(KUBERNETES, new RemoveLabelDecorator(config.getName(), Labels.VERSION));
        resources.decorate(KUBERNETES, new RemoveAnnotationDecorator(Annotations.COMMIT_ID));
        resources.decorate(KUBERNETES, new RemoveAnnotationDecorator(Annotations.VCS_URL));
        resources.decorate(KUBERNETES, new SortLabels());
        resources.decorate(KUBERNETES, new ClientAddressKept());
    }
}
