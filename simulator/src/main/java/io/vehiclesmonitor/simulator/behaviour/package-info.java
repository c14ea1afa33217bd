/**
 * When vehicles ping: pure, seedable behaviours (coin, Markov), round planning (spread or
 * aligned), fixed-rate load, and their Reactor schedules (virtual-time testable).
 */
package io.vehiclesmonitor.simulator.behaviour;
