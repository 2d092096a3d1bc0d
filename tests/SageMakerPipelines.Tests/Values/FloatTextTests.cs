using System.Globalization;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Values;

/// <summary>Numbers as text, held to the real Python's repr (what the SageMaker Python SDK writes).</summary>
public class FloatTextTests
{
    [Fact]
    public void A_number_as_text_is_what_python_writes()
    {
        var random = new Random(19);
        var numbers = new List<double> { 0.0, -0.0, 1.0, -1.0, 0.1, 1.1, 0.0001, 0.00001, 1.5e-7, 1e15, 1e16, 1.5e16, 123.45, 2.0 / 3, double.Epsilon, double.MaxValue, 1e22, 1e-300 };
        while (numbers.Count < 4000)
        {
            var number = numbers.Count % 2 == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))
                : Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 20)), random.Next(0, 9));
            if (double.IsFinite(number))
            {
                numbers.Add(number);
            }
        }

        var input = string.Join('\n', numbers.Select(n => BitConverter.DoubleToInt64Bits(n).ToString(CultureInfo.InvariantCulture)));
        var python = ProcessRunner.Run(
            "python3", ["-c", "import struct, sys\nfor line in sys.stdin.read().split():\n    print(repr(struct.unpack('<d', struct.pack('<q', int(line)))[0]))"], input: input);
        Assert.True(python.ExitCode == 0, python.All);

        var expected = python.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var wrong = numbers.Select((n, i) => (Python: expected[i], Ours: FloatText.Of(n))).Where(p => p.Python != p.Ours).Take(10).ToList();
        Assert.True(wrong.Count == 0, "differs from Python: " + string.Join(", ", wrong.Select(w => $"{w.Python} vs {w.Ours}")));
        Assert.Equal(numbers.Count, expected.Length);
    }

    [Fact]
    public void Literals_where_a_string_is_wanted_read_as_the_sdk_writes_them()
    {
        Assert.Equal("0.0", new PipelineString(0.0).Value is PipelineLiteral { Text: var zero } ? zero : null);
        Assert.Equal("1e-05", ((PipelineLiteral)new PipelineString(0.00001).Value).Text);
        Assert.Equal("0.05", ((PipelineLiteral)new PipelineString(0.05).Value).Text);
    }
}
