/**
 * Simulated clients of known level, for validating the difficulty controller: {@link
 * no.trinn.agents.simulate.ClientProfile} (hidden levels and style; archetypes in {@code archetypes.yaml}),
 * {@link no.trinn.agents.simulate.SimulatedClient} (one turn at a time, words from the scenario and
 * {@code client-<language>.yaml}), {@link no.trinn.agents.simulate.SimulatedSessionRunner} (one whole session on
 * a simulated clock, adapted between turns) and {@link no.trinn.agents.simulate.Evaluation} (many clients over many
 * sessions with the adaptive coach and the ladder, against their hidden levels).
 */
package no.trinn.agents.simulate;
