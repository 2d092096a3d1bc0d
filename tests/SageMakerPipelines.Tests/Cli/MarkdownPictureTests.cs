using MlPipeline.SageMakerPipelines.Cli;

namespace MlPipeline.SageMakerPipelines.Tests.Cli;

// Sets ACCEPT_GOLDEN for the whole process, as GoldenFileTests does: the same collection.
[Collection("ACCEPT_GOLDEN")]
public class MarkdownPictureTests
{
    [Theory]
    [InlineData("```mermaid\na\n```\n", "a\n")]
    [InlineData("x\n```mermaid\na\nb\n```  \nafter", "a\nb\n")]
    [InlineData("```mermaid\n```\n", "")]
    [InlineData("```mermaidx\nnot this\n```\n```mermaid\nthis\n```", "this\n")]
    [InlineData("text ```mermaid\ninline is not a fence\n```\n", null)]
    [InlineData("```mermaid\nnever closed\n", null)]
    [InlineData("no picture", null)]
    public void Finds_the_first_fenced_mermaid_block(string markdown, string? picture)
    {
        Assert.Equal(picture, MarkdownPicture.Find(markdown));
    }

    [Fact]
    public void Compare_shows_the_difference_and_the_fix_and_accepting_writes_the_picture()
    {
        var path = Path.Combine(Path.GetTempPath(), $"picture-{Guid.NewGuid():N}.md");
        File.WriteAllText(path, "Intro\n```mermaid\nflowchart TD\n    a --> b\n```\nEnd\n");
        try
        {
            var same = MarkdownPicture.Compare(path, "flowchart TD\n    a --> b\n", "graph --write README.md");
            var differs = MarkdownPicture.Compare(path, "flowchart TD\n    a --> c\n", "graph --write README.md");
            Environment.SetEnvironmentVariable(GoldenFile.AcceptVariable, "1");
            var accepted = MarkdownPicture.Compare(path, "flowchart TD\n    a --> c\n", "graph --write README.md");
            Environment.SetEnvironmentVariable(GoldenFile.AcceptVariable, null);

            Assert.Null(same);
            Assert.NotNull(differs);
            Assert.Contains("-    a --> b\n+    a --> c\n", differs, StringComparison.Ordinal);
            Assert.EndsWith($"Run graph --write README.md (or the tests with ACCEPT_GOLDEN=1) and commit {Path.GetFileName(path)}.", differs, StringComparison.Ordinal);
            Assert.Null(accepted);
            Assert.Equal("Intro\n```mermaid\nflowchart TD\n    a --> c\n```\nEnd\n", File.ReadAllText(path));
        }
        finally
        {
            Environment.SetEnvironmentVariable(GoldenFile.AcceptVariable, null);
            File.Delete(path);
        }
    }
}
