using System.Text;
using System.Text.RegularExpressions;

namespace MlPipeline.Scaffolder.Templates;

/// <summary>A path glob: <c>*</c> and <c>?</c> stay within a folder, <c>**</c> crosses folders.</summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern.AsSpan(i).StartsWith("**/"))
            {
                builder.Append("(?:.*/)?");
                i += 2;
            }
            else if (pattern.AsSpan(i).StartsWith("**"))
            {
                builder.Append(".*");
                i++;
            }
            else
            {
                builder.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        _regex = new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path);
}
