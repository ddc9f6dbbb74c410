/**
 * The wiring of each optional capability, one small class per module so that a module's classes load only when the
 * application enabled it. Not API.
 */
package dev.bizo.platform.internal;
