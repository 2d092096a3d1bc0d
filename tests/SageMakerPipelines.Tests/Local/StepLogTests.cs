using MlPipeline.SageMakerPipelines.Local;

namespace MlPipeline.SageMakerPipelines.Tests.Local;

/// <summary>What a failed step's summary quotes from its log: the script's last words about the failure.</summary>
public class StepLogTests
{
    public static TheoryData<string, string[]> Logs() => new()
    {
        // The generated steps' logging format: the error line, without its timestamp.
        {
            "2026-11-30 07:00:01,123 INFO serve_check: loading the model\n2026-11-30 07:00:02,456 ERROR serve_check: the endpoint scores row 3 0.41 and Evaluate scored it 0.52\n",
            ["ERROR serve_check: the endpoint scores row 3 0.41 and Evaluate scored it 0.52"]
        },
        // log.exception: the logged line and the exception that ended the script, not the frames between.
        {
            "INFO train: start\nERROR train: unexpected error\nTraceback (most recent call last):\n  File \"train.py\", line 3, in <module>\n    1 / 0\nZeroDivisionError: division by zero\n",
            ["ERROR train: unexpected error", "ZeroDivisionError: division by zero"]
        },
        // A chained exception: the last traceback's exception.
        {
            "Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'price'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"a.py\", line 3\nValueError: no price column\n",
            ["ValueError: no price column"]
        },
        // Several errors at the end: the last three, oldest first.
        {
            "[ERROR] row 1 bad\n[ERROR] row 2 bad\n[ERROR] row 3 bad\n[ERROR] row 4 bad\n[INFO] done\n",
            ["[ERROR] row 2 bad", "[ERROR] row 3 bad", "[ERROR] row 4 bad"]
        },
        // argparse's usage error.
        { "usage: clean.py [-h] --input-dir DIR\nclean.py: error: the following arguments are required: --input-dir\n", ["clean.py: error: the following arguments are required: --input-dir"] },
        // raise SystemExit("message") prints only the message; the runner's own notes are not the script's words.
        { "loading the data\nbad column: price\n[mlpipeline] the step's process ended\n\n", ["bad column: price"] },
        // A word that only contains ERROR is not a level.
        { "INFO counted ERRORS=0\nshutting down\n", ["shutting down"] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(Logs))]
    public void The_scripts_last_error_lines_are_found_in_its_log(string log, string[] expected)
    {
        Assert.Equal(expected, StepLog.ErrorLines(log.Split('\n')));
    }

    [Fact]
    public void A_very_long_line_is_cut()
    {
        var line = Assert.Single(StepLog.ErrorLines(["ERROR " + new string('x', 5000)]));

        Assert.Equal(StepLog.MaxLineLength, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
    }
}
