using MlPipeline.SageMakerPipelines.Code;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Code;

public class PythonImportsTests
{
    [Theory]
    [InlineData("import common\n", "common")]
    [InlineData("from common import StepError, run\n", "common")]
    [InlineData("from schema import (\n    TARGET,\n    NUMERIC,\n)\n", "schema")]
    [InlineData("import os, common as c, numpy.linalg  # helpers\n", "os common numpy")]
    [InlineData("def f():\n    import scoring\n    from csvdata import read_matrix\n", "scoring csvdata")]
    [InlineData("from transformer.inner import x\nimport pkg.sub as s\n", "transformer pkg")]
    [InlineData("from . import sibling\nx = 'imported' # import nothing\nprint('from here import that')\n", "")]
    [InlineData("import a; import b\r\nx = 1; from c import d\r\n", "a b c")]
    public void Reads_the_modules_a_script_imports(string text, string expected)
    {
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), PythonImports.Imported(text));
    }

    [Fact]
    public void The_closure_follows_imports_of_imports_and_skips_what_the_folder_does_not_have()
    {
        var folder = new Dictionary<string, string>
        {
            ["feature.py"] = "import numpy as np\nfrom transformer import transform\nfrom common import run\n",
            ["transformer.py"] = "from schema import derive\nfrom csvdata import normalise\n",
            ["schema.py"] = "from common import StepError\n",
            ["csvdata.py"] = "from common import StepError\n",
            ["common.py"] = "import json\n",
            ["scoring.py"] = "from common import StepError\n",
            ["clean.py"] = "from schema import COLUMNS\n",
        };

        var files = PythonImports.Closure(["feature.py"], f => folder.GetValueOrDefault(f));

        Assert.Equal(["common.py", "csvdata.py", "feature.py", "schema.py", "transformer.py"], files);
        Assert.Equal(["clean.py", "common.py", "schema.py"], PythonImports.Closure(["clean.py"], f => folder.GetValueOrDefault(f)));
        Assert.Throws<FileNotFoundException>(() => PythonImports.Closure(["missing.py"], f => folder.GetValueOrDefault(f)));
    }

    [Fact]
    public void A_module_that_imports_itself_back_ends_the_walk()
    {
        var folder = new Dictionary<string, string> { ["a.py"] = "import b\n", ["b.py"] = "import a\nimport b\n" };

        Assert.Equal(["a.py", "b.py"], PythonImports.Closure(["a.py"], f => folder.GetValueOrDefault(f)));
    }
}

public class CodeBundleFromScriptsTests
{
    [Fact]
    public void A_change_to_a_helper_changes_only_the_bundles_of_the_scripts_that_import_it()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("clean.py"), "from common import run\nfrom schema import COLUMNS\n");
        File.WriteAllText(temp.Combine("train.py"), "from common import run\nfrom scoring import auc\n");
        File.WriteAllText(temp.Combine("common.py"), "import json\n");
        File.WriteAllText(temp.Combine("schema.py"), "COLUMNS = {}\n");
        File.WriteAllText(temp.Combine("scoring.py"), "def auc(): pass\n");
        File.WriteAllText(temp.Combine("unused.py"), "x = 1\n");

        var clean = CodeBundle.FromScripts("clean", temp.Path, ["clean.py"]);
        var train = CodeBundle.FromScripts("train", temp.Path, ["train.py"]);
        File.WriteAllText(temp.Combine("scoring.py"), "def auc(): return 0.5\n");
        File.WriteAllText(temp.Combine("unused.py"), "x = 2\n");

        Assert.Equal(["clean.py", "common.py", "schema.py"], clean.Files.Select(f => f.FileName));
        Assert.Equal(clean.Sha256, CodeBundle.FromScripts("clean", temp.Path, ["clean.py"]).Sha256);
        Assert.NotEqual(train.Sha256, CodeBundle.FromScripts("train", temp.Path, ["train.py"]).Sha256);
        Assert.Equal("def auc(): return 0.5\n"u8.ToArray(), CodeBundle.FromScripts("train", temp.Path, ["train.py"]).Files.Single(f => f.FileName == "scoring.py").Content);
    }

    [Fact]
    public void Several_scripts_share_one_bundle_and_a_missing_script_is_named_with_its_folder()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("handler.py"), "import deploy\n");
        File.WriteAllText(temp.Combine("deploy.py"), "from common import run\n");
        File.WriteAllText(temp.Combine("common.py"), "\n");
        File.WriteAllText(temp.Combine("trigger.py"), "import boto3\n");

        var bundle = CodeBundle.FromScripts("functions", temp.Path, ["handler.py", "trigger.py"]);
        var error = Assert.Throws<FileNotFoundException>(() => CodeBundle.FromScripts("x", temp.Path, ["nope.py"]));

        Assert.Equal(["common.py", "deploy.py", "handler.py", "trigger.py"], bundle.Files.Select(f => f.FileName));
        Assert.Contains("nope.py", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
    }
}
