using System.Globalization;

namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// A floating-point number as text the way the SageMaker Python SDK writes it (Python's <c>repr</c>): the shortest
/// digits that read back to the same number, a whole number with <c>.0</c>, exponent notation below 1e-4 and from
/// 1e16 (<c>1e-05</c>, <c>1e+16</c>). Literals turned into strings and the runner's <c>Std:Join</c> both use it.
/// </summary>
internal static class FloatText
{
    public static string Of(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new InvalidOperationException($"{number} cannot be written to a pipeline definition; JSON has no such number.");
        }

        // "R" gives the shortest round-trip digits, as either 123.45 or 1.2345E+16.
        var shortest = Math.Abs(number).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var decimalExponent = (point < 0 ? mantissa.Length : point) + exponent; // digits[0] is worth 10^(decimalExponent - 1)
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalExponent -= leadingZeros;
        if (digits.Length == 0)
        {
            return number < 0 || double.IsNegative(number) ? "-0.0" : "0.0";
        }

        var sign = number < 0 ? "-" : "";
        var scientific = decimalExponent - 1;
        if (scientific < -4 || scientific >= 16)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            return $"{sign}{digits[0]}{fraction}e{(scientific < 0 ? "-" : "+")}{Math.Abs(scientific):00}";
        }

        if (decimalExponent <= 0)
        {
            return $"{sign}0.{new string('0', -decimalExponent)}{digits}";
        }

        return decimalExponent >= digits.Length
            ? $"{sign}{digits}{new string('0', decimalExponent - digits.Length)}.0"
            : $"{sign}{digits[..decimalExponent]}.{digits[decimalExponent..]}";
    }
}
