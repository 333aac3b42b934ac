/**
 * The check halves of the network typed actions: {@link io.taskstream.actions.probe.TlsProbe} reads the
 * certificate a port serves, {@link io.taskstream.actions.probe.HttpProbe} asks an endpoint for a status and body.
 */
package io.taskstream.actions.probe;
