namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them (a project named Environment would).
using global::Amazon.CDK;
using global::MlPipeline.SageMakerPipelines.Cli;
using global::System;
using global::System.IO;

/// <summary>
/// The CDK app: <c>dotnet run --project infra/cdk</c> synthesizes the stack into infra/cdk/cdk.out (or CDK_OUTDIR,
/// which the cdk command line sets); <c>npx aws-cdk deploy</c> in infra/cdk deploys it.
/// </summary>
internal static class Program
{
    private static int Main()
    {
        var projectRoot = PipelineApp.FindProjectRoot();
        var app = new App(new AppProps
        {
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
            _ = new AcmeChurn2Infrastructure(app, "acme-churn-2", new StackProps
            {
                // The account comes from the cdk command line's credentials when it runs the app; without it the
                // template names the account with AWS::AccountId.
                Env = new global::Amazon.CDK.Environment
                {
                    Account = global::System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT") is { Length: > 0 } account ? account : null,
                    Region = AcmeChurn2Infrastructure.RegionName,
                },
                Description = "Acme.Churn-2: the AWS resources of the ML pipeline (artifact storage, roles, model registry, pipeline, events).",
            }, settings, projectRoot);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine(e.Message);
            return 66;
        }

        app.Synth();
        return 0;
    }
}
