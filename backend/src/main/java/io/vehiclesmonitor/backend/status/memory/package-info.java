/**
 * In-process status store of the standalone run.
 */
package io.vehiclesmonitor.backend.status.memory;
