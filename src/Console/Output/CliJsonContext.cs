using System.Text.Json.Serialization;

namespace SafetyConsole.Cli.Output;

/// <summary>
/// Source-generated serializers for the JSON that scripts call most (status, calls, officers, recommend, feed load): no
/// reflection at start-up, which is most of a short command's time. Other shapes fall back to reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(JsonOut.StatusJson))]
[JsonSerializable(typeof(List<JsonOut.CallJson>))]
[JsonSerializable(typeof(JsonOut.CallDetailJson))]
[JsonSerializable(typeof(List<JsonOut.OfficerJson>))]
[JsonSerializable(typeof(JsonOut.RecommendationJson))]
[JsonSerializable(typeof(SafetyConsole.Data.Feeds.FeedSummary))] // `feed load --json` (issue 18: its start-up, bench `feed`)
internal sealed partial class CliJsonContext : JsonSerializerContext;
