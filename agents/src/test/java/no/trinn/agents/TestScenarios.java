package no.trinn.agents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.scenarios.Character;
import no.trinn.scenarios.Goal;
import no.trinn.scenarios.Intent;
import no.trinn.scenarios.Line;
import no.trinn.scenarios.Range;
import no.trinn.scenarios.Scenario;
import no.trinn.scenarios.State;
import no.trinn.scenarios.Temperament;
import no.trinn.scenarios.Voice;

/** A small scenario built in code, so engine tests do not depend on the shipped library's wording. */
public final class TestScenarios {
    private TestScenarios() {
    }

    /** A kiosk: order (tea or coffee) -> pay -> end. */
    public static Scenario kiosk() {
        return kiosk("en");
    }

    /** The kiosk with its language set to {@code language} (the lines stay English). */
    public static Scenario kiosk(String language) {
        Character seller = new Character("seller", "Kim", "kiosk seller", "A calm kiosk seller.",
                new Voice("cmu-slt-hsmm", 0, 0), Map.of("warmth", new Temperament(0.8, new Range(0.3, 1.0))));
        State order = new State("order", Optional.empty(), List.of(),
                List.of(Line.of("Sorry, what would you like?"),
                        new Line("Tea or coffee?", Map.of("complexity", new Range(0, 0.4)))),
                List.of(new Intent("order_drink", List.of("A coffee, please.", "I'd like a tea.", "Tea",
                        "Can I have a cup of coffee?"), List.of(Line.of("Coming up.")), Optional.of("pay"),
                        List.of("ordered"))),
                false);
        State pay = new State("pay", Optional.empty(), List.of(Line.of("That's two pounds. Card or cash?")),
                List.of(Line.of("Card or cash?")),
                List.of(new Intent("pay_card", List.of("By card.", "Card, please.", "Can I pay by card?"),
                        List.of(), Optional.of("end"), List.of("paid")),
                        new Intent("pay_cash", List.of("Cash.", "Here is the money.", "I'll pay in cash."),
                                List.of(), Optional.of("end"), List.of("paid"))),
                false);
        State end = new State("end", Optional.empty(), List.of(Line.of("Thanks, have a nice day!")), List.of(),
                List.of(), true);
        Goal goal = new Goal("Buy a drink and pay.", List.of(
                new Goal.Step("ordered", "Says what they want.", "You said what you wanted.",
                        "Say what you want in one sentence."),
                new Goal.Step("paid", "Pays.", "You paid.", "Say how you want to pay.")));
        return new Scenario("kiosk", "Kiosk", language, 3, "Buy a drink at a kiosk.", goal, "A small kiosk.",
                List.of(seller), List.of(Line.of("Hello! What can I get you?")), List.of(order, pay, end),
                "Buy a drink at a kiosk this week.", Optional.empty(), "test:kiosk");
    }

    /** Behaviour values of an easy session. */
    public static Map<String, Double> easy() {
        return Map.of("warmth", 0.8, "patience", 0.9, "complexity", 0.2, "pressure", 0.05, "speechRate", 0.3,
                "difficulty", 0.2);
    }
}
