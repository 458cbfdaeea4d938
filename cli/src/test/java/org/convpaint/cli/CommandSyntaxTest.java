package org.convpaint.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How {@code predict}'s arguments are read, and what a malformed command line is told. */
class CommandSyntaxTest {
    private static CommandSyntax.Parsed parse(String... args) throws UsageException {
        String[] all = new String[args.length + 1];
        all[0] = "predict";
        System.arraycopy(args, 0, all, 1, args.length);
        return PredictCommand.syntax().parse(all, 1);
    }

    private static String error(String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertEquals("convpaint predict", e.command());
        return e.getMessage() + (e.hint() == null ? "" : " | " + e.hint());
    }

    @Test
    void valuesFollowTheirOptionAnEqualsSignOrTheShortLetter() throws Exception {
        for (String[] args : new String[][] {{"-m", "a.pkl", "x.tif"}, {"--model", "a.pkl", "x.tif"},
            {"--model=a.pkl", "x.tif"}, {"-m=a.pkl", "x.tif"}, {"-ma.pkl", "x.tif"}, {"x.tif", "-m", "a.pkl"}}) {
            CommandSyntax.Parsed p = parse(args);
            assertEquals(Path.of("a.pkl"), p.value("--model"), String.join(" ", args));
            assertEquals(List.of(Path.of("x.tif")), p.parameters());
        }
    }

    @Test
    void shortFlagsClusterAndTheLastMayTakeAValue() throws Exception {
        CommandSyntax.Parsed p = parse("-qrm", "a.pkl", "x.tif", "--downsample", "1", "--tile", "-5");
        assertTrue(p.flag("--quiet") && p.flag("--recursive"));
        assertFalse(p.flag("--verbose"));
        assertEquals(1, p.value("--downsample"));
        assertEquals(-5, p.value("--tile"), "a value that is no option is taken even if it starts with '-'");
    }

    @Test
    void repeatableAndSplitOptionsCollectTheirValuesInOrder() throws Exception {
        CommandSyntax.Parsed p = parse("-m", "a.pkl", "--channels", "2,0", "--channels=1", "--weights", "w1.pth",
                "--weights=w2.pth", "x.tif", "y.tif");
        assertEquals(List.of(2, 0, 1), p.values("--channels"));
        assertEquals(List.of(Path.of("w1.pth"), Path.of("w2.pth")), p.values("--weights"));
        assertEquals(List.of(Path.of("x.tif"), Path.of("y.tif")), p.parameters());
    }

    @Test
    void afterTwoDashesEverythingIsAnInputAndFlagsTakeTrueOrFalse() throws Exception {
        CommandSyntax.Parsed p = parse("-m", "a.pkl", "--cpu=false", "--overwrite=TRUE", "--", "-q", "-");
        assertFalse(p.flag("--cpu"));
        assertTrue(p.flag("--overwrite"));
        assertFalse(p.flag("--quiet"));
        assertEquals(List.of(Path.of("-q"), Path.of("-")), p.parameters());
        assertNull(p.value("--output-dir"));
    }

    @Test
    void malformedArgumentsAreNamed() {
        assertEquals("Invalid value for option '--downsample': 'abc' is not an int", error("--downsample", "abc"));
        assertEquals("Invalid value for option '--channels' (I,J,...): 'x' is not an int",
                error("--channels", "1,x", "-m", "a.pkl", "x.tif"));
        assertEquals("Invalid value for option '--quiet': 'maybe' is not a boolean", error("--quiet=maybe"));
        assertEquals("Expected parameter for option '--downsample' but found '-m'",
                error("--downsample", "-m", "a.pkl", "x.tif"));
        assertEquals("Missing required parameter for option '--model' (MODEL.pkl)", error("x.tif", "-m"));
        assertEquals("option '--model' (MODEL.pkl) should be specified only once",
                error("-m", "a.pkl", "-mb.pkl", "x.tif"));
        assertEquals("option '--quiet' should be specified only once", error("-q", "-q", "-m", "a.pkl", "x.tif"));
    }

    @Test
    void missingArgumentsComeBeforeUnknownOnes() {
        assertEquals("Missing required options and parameters: '--model=MODEL.pkl', 'INPUT'", error("--foo"));
        assertEquals("Missing required option: '--model=MODEL.pkl'", error("--foo", "x.tif"));
        assertEquals("Missing required parameter: 'INPUT'", error("-m", "a.pkl"));
        assertEquals("Unknown option: '--downsampl' | Possible solutions: --downsample",
                error("-m", "a.pkl", "--downsampl", "2", "x.tif"));
        assertEquals("Unknown options: '--foo', '--bar' | Possible solutions: --format",
                error("--foo", "--bar", "-m", "a.pkl", "x.tif"));
        assertEquals("Unknown option: '-z' (while processing option: '-qz')", error("-qz", "-m", "a.pkl", "x.tif"));
    }

    @Test
    void helpWinsOverMissingArgumentsAndListsEveryOption() throws Exception {
        assertTrue(parse("--downsample", "0", "--help").help());
        StringWriter text = new StringWriter();
        PredictCommand.syntax().printUsage(new PrintWriter(text));
        String help = text.toString();
        assertTrue(help.startsWith("Usage: convpaint predict [-hqrvV] [--cpu]"), help);
        for (String option : new String[] {"-m, --model=MODEL.pkl", "--weights=FILE", "--channels=I,J,...",
            "-o, --output-dir=DIR", "--report=FILE.json", "-h, --help", "-V, --version", "INPUT..."}) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        help.lines().forEach(l -> assertTrue(l.length() <= HelpText.WIDTH, l));
    }

    @Test
    void theOneParameterOfInspectTakesNoSecond() {
        UsageException e = assertThrows(UsageException.class,
                () -> InspectCommand.syntax().parse(new String[] {"inspect", "a.pkl", "b.pkl"}, 1));
        assertEquals("Unmatched argument at index 2: 'b.pkl'", e.getMessage());
        assertEquals("convpaint inspect", e.command());
    }
}
