package no.trinn.agents.simulate;

import java.util.Optional;
import no.trinn.core.Require;

/**
 * One client turn of an evaluated session ({@link Evaluation}), as the controller and the simulated client saw it.
 *
 * @param index the turn's index in its session, from 0
 * @param difficulty the controller's difficulty during the turn, in [0, 1]
 * @param experiencedDifficulty the difficulty the simulated client experienced during the turn (from the character's
 *     behaviour values and the client's sensitivities; {@link SimulatedClient#experiencedDifficulty}), in [0, 1]
 * @param trueSuccess the client's true chance of success in the turn ({@link SimulatedClient#successProbability}
 *     at the experienced difficulty, the session's form included), in [0, 1]
 * @param smoothedSuccess the controller's smoothed success after the turn; empty for a turn the controller did not
 *     see (one the safety layer answered out of role)
 */
public record EvaluatedTurn(int index, double difficulty, double experiencedDifficulty, double trueSuccess,
        Optional<Double> smoothedSuccess) {
    public EvaluatedTurn {
        Require.inRange(index, 0, Integer.MAX_VALUE, "index");
        Require.inRange(difficulty, 0.0, 1.0, "difficulty");
        Require.inRange(experiencedDifficulty, 0.0, 1.0, "experiencedDifficulty");
        Require.inRange(trueSuccess, 0.0, 1.0, "trueSuccess");
        Require.nonNull(smoothedSuccess, "smoothedSuccess");
        smoothedSuccess.ifPresent(v -> Require.inRange(v, 0.0, 1.0, "smoothedSuccess"));
    }
}
