package dev.kubenet.common.manifests;

import io.dekorate.kubernetes.decorator.AddLabelDecorator;
import io.dekorate.kubernetes.decorator.AddToSelectorDecorator;
import io.dekorate.kubernetes.decorator.Decorator;
import io.dekorate.kubernetes.decorator.RemoveFromSelectorDecorator;
import io.dekorate.kubernetes.decorator.RemoveLabelDecorator;
import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.builder.TypedVisitor;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import java.util.TreeMap;

/**
 * Orders every label map and selector by key. dekorate adds labels in an order that changes from one build to the
 * next (its {@code Label} hashes by identity), and the generated file must be the same on every build.
 */
final class SortLabels extends Decorator<KubernetesListBuilder> {

    @Override
    public void visit(KubernetesListBuilder resources) {
        resources.accept(new TypedVisitor<ObjectMetaBuilder>() {
            @Override
            public void visit(ObjectMetaBuilder metadata) {
                if (metadata.getLabels() != null) {
                    metadata.withLabels(new TreeMap<>(metadata.getLabels()));
                }
            }
        });
        resources.accept(new TypedVisitor<LabelSelectorBuilder>() {
            @Override
            public void visit(LabelSelectorBuilder selector) {
                if (selector.getMatchLabels() != null) {
                    selector.withMatchLabels(new TreeMap<>(selector.getMatchLabels()));
                }
            }
        });
        resources.accept(new TypedVisitor<ServiceSpecBuilder>() {
            @Override
            public void visit(ServiceSpecBuilder spec) {
                if (spec.getSelector() != null) {
                    spec.withSelector(new TreeMap<>(spec.getSelector()));
                }
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Decorator>[] after() {
        return new Class[] {ResourceProvidingDecorator.class, AddLabelDecorator.class, RemoveLabelDecorator.class,
                AddToSelectorDecorator.class, RemoveFromSelectorDecorator.class};
    }
}
