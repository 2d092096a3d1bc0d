using System.Text;
using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Code;

/// <summary>The zip of a function's code: what AWS Lambda unpacks, the same bytes for the same files.</summary>
public class CodeBundleZipTests
{
    private static readonly (string, byte[])[] Files =
    [
        ("handler.py", Encoding.UTF8.GetBytes("def handler(event, context):\n    return 'é'\n")),
        ("common.py", Encoding.UTF8.GetBytes("X = 1\n")),
        ("empty.py", []),
    ];

    [Fact]
    public void The_same_files_in_any_order_give_the_same_bytes_and_a_change_gives_others()
    {
        var zip = CodeBundle.Create("functions", Files).ToZip();

        Assert.Equal(zip, CodeBundle.Create("functions", Files.Reverse()).ToZip());
        Assert.NotEqual(zip, CodeBundle.Create("functions", [.. Files[..2], ("empty.py", [0x20])]).ToZip());
    }

    [Fact]
    public void Pythons_zipfile_reads_every_file_with_its_content_mode_and_crc()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("functions.zip");
        File.WriteAllBytes(path, CodeBundle.Create("functions", Files).ToZip());

        // zipfile is what Lambda's own tooling and most zip readers agree with; testzip() checks every CRC.
        var result = ProcessRunner.Run("/usr/bin/python3", ["-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                print(i.filename, oct(i.external_attr >> 16), i.date_time[:3], i.compress_type, ascii(z.read(i).decode()))
            """, path]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(
            [
                @"common.py 0o100644 (1980, 1, 1) 0 'X = 1\n'",
                "empty.py 0o100644 (1980, 1, 1) 0 ''",
                @"handler.py 0o100644 (1980, 1, 1) 0 ""def handler(event, context):\n    return '\xe9'\n""",
            ],
            result.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_crc_is_zips_crc32()
    {
        // The check value of CRC-32/ISO-HDLC.
        Assert.Equal(0xCBF43926u, DeterministicZip.Crc32("123456789"u8));
    }
}
