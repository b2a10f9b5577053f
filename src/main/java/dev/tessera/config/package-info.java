/**
 * Settings, read once at deployment from MicroProfile Config: immutable records (sum types where exactly one of
 * several forms applies) whose compact constructors hold every rule, and the readers ({@link
 * dev.tessera.config.BearerConfig}, the client reader) that own the {@code mp.jwt.*} and {@code tessera.*} key names
 * and report every bad key in one {@link dev.tessera.config.ConfigurationException}. Nothing outside this package
 * names a configuration key.
 */
package dev.tessera.config;
