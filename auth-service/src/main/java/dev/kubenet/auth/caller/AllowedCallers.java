package dev.kubenet.auth.caller;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The services a route answers, by their names ({@code kubenet.service.name}). A route without it answers no one. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllowedCallers {

    String[] value();
}
