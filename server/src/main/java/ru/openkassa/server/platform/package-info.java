/**
 * Shared infrastructure every feature may use: errors, the database vendor, request bodies, the clock.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package ru.openkassa.server.platform;

import org.springframework.modulith.ApplicationModule;
