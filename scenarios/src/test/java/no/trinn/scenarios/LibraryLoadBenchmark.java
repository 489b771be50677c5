package no.trinn.scenarios;

import java.util.Arrays;

/**
 * Prints how long reading the shipped library takes: once cold (the first read in a fresh JVM, as at every CLI start,
 * class loading included) and then warm (median and best of further reads). Not a test; run it with the module's
 * test class path, e.g. {@code java -cp target/test-classes:target/trinn-scenarios-<version>.jar:<dependencies>
 * no.trinn.scenarios.LibraryLoadBenchmark}.
 */
public final class LibraryLoadBenchmark {
    private LibraryLoadBenchmark() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        ScenarioLibrary first = ScenarioLibrary.shipped();
        long cold = System.nanoTime() - start;
        if (!first.problems().isEmpty()) {
            System.out.println("problems: " + first.problems());
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long[] warm = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            ScenarioLibrary.shipped();
            warm[i] = System.nanoTime() - t;
        }
        Arrays.sort(warm);
        System.out.printf("scenarios: %d, files: %d%n", first.all().size(), first.shippedFiles().size());
        System.out.printf("cold (first read in this JVM): %.1f ms%n", cold / 1e6);
        System.out.printf("warm (%d reads): median %.2f ms, best %.2f ms%n", rounds, warm[rounds / 2] / 1e6,
                warm[0] / 1e6);
    }
}
