/**
 * Who may call auth-service. Each route names the services it answers ({@link dev.kubenet.auth.caller.AllowedCallers});
 * {@link dev.kubenet.auth.caller.CallerCheck} refuses every request whose signed assertion
 * ({@link dev.kubenet.common.authapi.CallerAssertion}) is missing, does not verify with a public key of the service it
 * names ({@link dev.kubenet.auth.caller.TrustedCallers}), or names a service that the route does not answer.
 */
package dev.kubenet.auth.caller;
