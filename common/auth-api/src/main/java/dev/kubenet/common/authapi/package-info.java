/**
 * auth-service's HTTP API, written once: the JAX-RS interfaces and the JSON payloads. auth-service's resources
 * implement the interfaces and common-auth-client builds its MicroProfile REST Client from them, so a change on one
 * side that the other does not follow fails to compile. Nothing here runs on its own: no CDI beans, no providers.
 */
package dev.kubenet.common.authapi;
