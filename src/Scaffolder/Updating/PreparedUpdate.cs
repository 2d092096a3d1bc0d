using MlPipeline.Scaffolder.Manifest;
using MlPipeline.Scaffolder.Spec;

namespace MlPipeline.Scaffolder.Updating;

/// <summary>An update worked out in memory and not yet written: the project, both versions, the new answers and the plan.</summary>
internal sealed record PreparedUpdate(string Project, TemplateVersion From, TemplateVersion To, ProjectSpec Answers, UpdatePlan Plan);
