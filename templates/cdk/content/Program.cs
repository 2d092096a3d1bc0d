namespace {{ project.namespace }}.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them (a project named Environment would).
using global::Amazon.CDK;
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;
using global::System.Collections.Generic;
using global::System.IO;
using global::System.Text.Json;

/// <summary>
{{~ if options.accounts == "single" ~}}
/// The CDK app: <c>dotnet run --project infra/cdk</c> synthesizes the stack into infra/cdk/cdk.out (or CDK_OUTDIR,
/// which the cdk command line sets); <c>npx aws-cdk deploy</c> in infra/cdk deploys it.
{{~ else ~}}
/// The CDK app: <c>dotnet run --project infra/cdk</c> synthesizes its three stacks into infra/cdk/cdk.out (or
/// CDK_OUTDIR, which the cdk command line sets): {{ project.kebab }} in the build account, {{ project.kebab }}-staging and
/// {{ project.kebab }}-production in the target accounts. <c>npx aws-cdk deploy STACK</c> in infra/cdk deploys one, with that
/// account's credentials; every cdk command needs the three account ids (-c buildAccountId=… -c stagingAccountId=…
/// -c productionAccountId=…). Run on its own, the app reads them from CDK_CONTEXT_JSON, which the cdk command line sets.
{{~ end ~}}
/// </summary>
internal static class Program
{
    private static int Main()
    {
        var projectRoot = PipelineApp.FindProjectRoot();
        Dictionary<string, object> choices;
        try
        {
            choices = CdkJsonContext(Path.Combine(projectRoot, "infra", "cdk", "cdk.json"));
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"infra/cdk/cdk.json is not valid JSON ({e.Message}): fix it, or take it from a new project.");
            return 65;
        }

        var app = new App(new AppProps
        {
            // cdk.json's choices, as the cdk command line gives them: the app run on its own (dotnet run, as CI's lint
            // runs it) synthesizes the same stack as cdk deploy. What the command line gives (--context) overrides them.
            Context = choices,
            Outdir = global::System.Environment.GetEnvironmentVariable("CDK_OUTDIR") is { Length: > 0 } outdir ? outdir : Path.Combine(projectRoot, "infra", "cdk", "cdk.out"),
        });
        var (settings, problems) = StackSettings.Read(key => app.Node.TryGetContext(key));
        if (settings is null)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem);
            }

            return 64;
        }

        try
        {
{{~ if options.accounts == "single" ~}}
            _ = new {{ project.pascal }}Infrastructure(app, "{{ project.kebab }}", new StackProps
            {
                // The account comes from the cdk command line's credentials when it runs the app; without it the
                // template names the account with AWS::AccountId.
                Env = new global::Amazon.CDK.Environment
                {
                    Account = global::System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT") is { Length: > 0 } account ? account : null,
                    Region = {{ project.pascal }}Infrastructure.RegionName,
                },
                Description = {{ cs.quote project.name + ": the AWS resources of the ML pipeline (artifact storage, roles, model registry, pipeline, events)." }},
            }, settings, projectRoot);
{{~ else ~}}
            // One stack per account, each bound to its account: cdk deploy refuses credentials of another account.
            _ = new {{ project.pascal }}Infrastructure(app, "{{ project.kebab }}", new StackProps
            {
                Env = new global::Amazon.CDK.Environment { Account = settings.BuildAccountId, Region = {{ project.pascal }}Infrastructure.RegionName },
                Description = {{ cs.quote project.name + ": the build account's resources of the ML pipeline (artifact storage, roles, model registry, pipeline, events)." }},
            }, settings, projectRoot);
            foreach (var (stage, account) in new[] { ("staging", settings.StagingAccountId), ("production", settings.ProductionAccountId) })
            {
                _ = new {{ project.pascal }}TargetInfrastructure(app, $"{{ project.kebab }}-{stage}", new StackProps
                {
                    Env = new global::Amazon.CDK.Environment { Account = account, Region = {{ project.pascal }}Infrastructure.RegionName },
                    Description = {{ cs.quote project.name + ": what serves approved versions of the ML pipeline's models in the " }} + stage + " account (roles, serving bucket, alarms).",
                }, settings, stage);
            }
{{~ end ~}}
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            return 66;
        }

        app.Synth();
        return 0;
    }

    /// <summary>The "context" of cdk.json, each value as the cdk command line reads it (text, true or false, a number); none without the file.</summary>
    private static Dictionary<string, object> CdkJsonContext(string path)
    {
        var context = new Dictionary<string, object>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return context;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("context", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in values.EnumerateObject())
            {
                context[value.Name] = value.Value.ValueKind switch
                {
                    JsonValueKind.String => value.Value.GetString()!,
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => value.Value.GetDouble(),
                    _ => value.Value.GetRawText(),
                };
            }
        }

        return context;
    }
}
