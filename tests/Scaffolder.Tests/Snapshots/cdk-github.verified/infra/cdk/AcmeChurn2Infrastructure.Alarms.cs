namespace Acme.Churn2.Infrastructure;

// Inside the namespace and from global::, so that no project name can hide them.
using global::Amazon.CDK.AWS.CloudWatch;
using global::Amazon.CDK.AWS.SNS;

/// <summary>
/// Alarms on the two endpoints steps/deploy.py serves, to the alarms topic: server errors and slow answers. Until a
/// version is deployed an endpoint has no metrics and its alarms stay OK. Be told by subscribing to the topic (output
/// AlarmTopicArn): <c>aws sns subscribe --topic-arn ARN --protocol email --notification-endpoint YOU</c>. The topic is
/// encrypted with the project's key when the stack makes one (its policy lets CloudWatch publish); otherwise it is not:
/// CloudWatch cannot publish to a topic under the AWS-managed SNS key, and alarms carry only names and numbers.
/// </summary>
public sealed partial class AcmeChurn2Infrastructure
{
    private CfnTopic Alarms(global::Amazon.CDK.AWS.KMS.CfnKey? key)
    {
        var topic = new CfnTopic(this, "AlarmTopic", new CfnTopicProps { TopicName = $"{Prefix}-alarms", KmsMasterKeyId = key?.Ref });
        foreach (var (stage, endpoint) in new[] { ("Staging", StagingEndpoint), ("Production", ProductionEndpoint) })
        {
            var dimensions = new[]
            {
                new CfnAlarm.DimensionProperty { Name = "EndpointName", Value = endpoint },
                new CfnAlarm.DimensionProperty { Name = "VariantName", Value = "AllTraffic" },
            };
            _ = new CfnAlarm(this, stage + "ServerErrorsAlarm", new CfnAlarmProps
            {
                AlarmName = $"{endpoint}-server-errors",
                AlarmDescription = $"The {stage.ToLowerInvariant()} endpoint {endpoint} answered with at least {settings.AlarmServerErrors} server errors (5xx) in 5 minutes.",
                Namespace = "AWS/SageMaker",
                MetricName = "Invocation5XXErrors",
                Dimensions = dimensions,
                Statistic = "Sum",
                Period = 300,
                EvaluationPeriods = 1,
                Threshold = settings.AlarmServerErrors,
                ComparisonOperator = "GreaterThanOrEqualToThreshold",
                TreatMissingData = "notBreaching",
                AlarmActions = [topic.Ref],
                OkActions = [topic.Ref],
            });
            _ = new CfnAlarm(this, stage + "LatencyAlarm", new CfnAlarmProps
            {
                AlarmName = $"{endpoint}-latency",
                AlarmDescription = $"The {stage.ToLowerInvariant()} endpoint {endpoint}'s model took more than {settings.AlarmLatencyMs} ms for one answer in ten, for 15 minutes.",
                Namespace = "AWS/SageMaker",
                MetricName = "ModelLatency",
                Dimensions = dimensions,
                ExtendedStatistic = "p90",
                Period = 300,
                EvaluationPeriods = 3,
                // ModelLatency is in microseconds.
                Threshold = settings.AlarmLatencyMs * 1000d,
                ComparisonOperator = "GreaterThanThreshold",
                TreatMissingData = "notBreaching",
                AlarmActions = [topic.Ref],
                OkActions = [topic.Ref],
            });
        }

        return topic;
    }
}
