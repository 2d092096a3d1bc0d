using MlPipeline.Scaffolder.Rendering;

namespace MlPipeline.Scaffolder.Tests.Rendering;

public class NameFormsTests
{
    [Theory]
    [InlineData("Churn", "Churn", "Churn", "Churn", "churn", "churn", "churn", "churn")]
    [InlineData("Acme.Churn", "Acme.Churn", "Acme_Churn", "AcmeChurn", "acmeChurn", "acme-churn", "acme_churn", "acme-churn")]
    [InlineData("churn-model", "churnmodel", "churn_model", "Churnmodel", "churnmodel", "churn-model", "churn_model", "churn-model")]
    [InlineData("ChurnV2", "ChurnV2", "ChurnV2", "ChurnV2", "churnV2", "churn-v2", "churn_v2", "churn-v2")]
    [InlineData("Acme.2024.Churn", "Acme._2024.Churn", "Acme_2024_Churn", "Acme2024Churn", "acme2024Churn", "acme-2024-churn", "acme_2024_churn", "acme-2024-churn")]
    [InlineData("CustomerChurnPredictionForRetail", "CustomerChurnPredictionForRetail", "CustomerChurnPredictionForRetail", "CustomerChurnPredictionForRetail", "customerChurnPredictionForRetail", "customer-churn-prediction-for-retail", "customer_churn_prediction_for_retail", "customer-churn-predi")]
    [InlineData("Abcdefghijklmnopqrs-Tuv", "AbcdefghijklmnopqrsTuv", "Abcdefghijklmnopqrs_Tuv", "AbcdefghijklmnopqrsTuv", "abcdefghijklmnopqrsTuv", "abcdefghijklmnopqrs-tuv", "abcdefghijklmnopqrs_tuv", "abcdefghijklmnopqrs")]
    public void Derives_every_form_of_a_name(string name, string ns, string identifier, string pascal, string camel, string kebab, string snake, string resource)
    {
        var forms = NameForms.Compute(name);

        Assert.Equal(name, forms["name"]);
        Assert.Equal(ns, forms["namespace"]);
        Assert.Equal(identifier, forms["identifier"]);
        Assert.Equal(pascal, forms["pascal"]);
        Assert.Equal(camel, forms["camel"]);
        Assert.Equal(kebab, forms["kebab"]);
        Assert.Equal(snake, forms["snake"]);
        Assert.Equal(name.ToLowerInvariant(), forms["lower"]);
        Assert.Equal(resource, forms["resource"]);
    }

    /// <summary>
    /// Each form's description (written into the template pack's template.json for template authors) shows what the
    /// form makes of Acme.Churn-Model, and that example is what the form really gives.
    /// </summary>
    [Fact]
    public void Each_form_describes_itself_with_a_true_example()
    {
        Assert.Equal(["name", "namespace", "identifier", "pascal", "camel", "kebab", "snake", "lower", "resource"], NameForms.All.Select(f => f.Name));
        foreach (var form in NameForms.All)
        {
            var example = form.Description.Split(": ", 2)[1].Split(' ')[0];
            Assert.True(example == form.Apply("Acme.Churn-Model"), $"{form.Name}: '{form.Description}' shows {example}, the form gives {form.Apply("Acme.Churn-Model")}");
        }
    }
}
