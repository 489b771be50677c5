/**
 * The safety layer: local detection of stop and pause requests, distress, self-harm and relapse talk in a client's
 * turn ({@link no.trinn.agents.safety.SafetyCheck}), and the calm out-of-role coach messages that answer them.
 *
 * <p>What a session does with a {@link no.trinn.agents.safety.SafetyFinding} (the graded response of the design):
 * <ul>
 *   <li>STOP (severity 1): always honoured, whatever else was found (look in
 *       {@link no.trinn.agents.safety.SafetyCheck#checkAll}, not only at the first finding). The session silences
 *       the character at once, shows the coach message and stops the exercise: it pauses, and goes on only if the
 *       client chooses to.</li>
 *   <li>PAUSE (1): the session pauses and shows the coach message; the paused and resumed notices frame the break.</li>
 *   <li>DISTRESS 1: the character softens; DISTRESS 2 and RELAPSE 2: the coach steps in and offers a pause;
 *       SELF_HARM 3: the session pauses, the coach message points to the therapist and emergency services, and the
 *       therapist is alerted.</li>
 * </ul>
 * Every finding is raised as a {@link no.trinn.core.session.SafetyEvent}; none holds the client's words, and the
 * checked text is never logged.
 *
 * <p>Topics are data: the phrases, patterns, example sentences, thresholds and messages live in
 * {@code safety-en.yaml} and {@code safety-nb.yaml} beside these classes.
 */
package no.trinn.agents.safety;
