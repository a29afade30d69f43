package dev.kubenet.common.manifests;

import io.dekorate.kubernetes.decorator.Decorator;
import io.dekorate.kubernetes.decorator.ResourceProvidingDecorator;
import io.fabric8.kubernetes.api.builder.TypedVisitor;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;

/**
 * {@code externalTrafficPolicy: Local} on every LoadBalancer Service: an outside client reaches the pods with its own
 * address rather than a node's, so the access log and users-service's limits per client address see who the client
 * is, and no outsider arrives from an address of the pod network, whose proxies users-service trusts
 * ({@code TRUSTED_PROXIES}). The price: the load balancer sends traffic only to nodes that run one of the pods.
 * dekorate has no option for it, and drops the field from a Service in src/main/kubernetes/kubernetes.yml.
 */
final class ClientAddressKept extends Decorator<KubernetesListBuilder> {

    @Override
    public void visit(KubernetesListBuilder resources) {
        resources.accept(new TypedVisitor<ServiceSpecBuilder>() {
            @Override
            public void visit(ServiceSpecBuilder spec) {
                if ("LoadBalancer".equals(spec.getType())) {
                    spec.withExternalTrafficPolicy("Local");
                }
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<? extends Decorator>[] after() {
        return new Class[] {ResourceProvidingDecorator.class};
    }
}
