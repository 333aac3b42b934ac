/**
 * The {@code build} typed action: builds an image through the Docker Engine API, pushes it, and checks
 * through the registry's own API that the tag serves what was pushed.
 */
package io.taskstream.actions.build;
