using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Tests.Policy;

/// <summary>R10: the one table of who may do what, which the store's check and the board's pre-checks share.</summary>
public class PermissionsTests
{
    [Fact]
    public void Reclassifying_is_a_supervisors_and_every_other_dispatch_action_a_dispatchers()
    {
        foreach (var action in Enum.GetValues<DispatchAction>())
        {
            var needed = action == DispatchAction.Reclassify ? OperatorRole.Supervisor : OperatorRole.Dispatcher;
            Assert.Equal(needed, Permissions.Needed(action));
            Assert.False(Permissions.Allows(OperatorRole.Viewer, action));
            Assert.False(Permissions.Allows(OperatorRole.Service, action));
            Assert.True(Permissions.Allows(OperatorRole.Supervisor, action));
            Assert.Equal(action != DispatchAction.Reclassify, Permissions.Allows(OperatorRole.Dispatcher, action));
        }
    }

    [Fact]
    public void Every_action_has_the_words_a_refusal_says()
    {
        foreach (var action in Enum.GetValues<DispatchAction>())
            Assert.Matches("^[a-z][a-z' ]+$", Permissions.Words(action));
        Assert.Equal("mark calls en route", Permissions.Words(DispatchAction.EnRoute));
    }
}
