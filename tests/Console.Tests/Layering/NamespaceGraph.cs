using System.Reflection;
using System.Reflection.Emit;

namespace SafetyConsole.Cli.Tests.Layering;

/// <summary>
/// Which of the product's namespaces use which, read from the compiled assemblies rather than the `using` lines: every
/// type a type names in its base types, fields, signatures and method bodies (the IL's type, method and field tokens),
/// lambdas and iterators included (the compiler nests them in the type that wrote them). A `using` scan would miss a
/// fully qualified name and the parent namespace a file sees without a `using`.
/// </summary>
public static class NamespaceGraph
{
    /// <summary>One use of namespace <see cref="To"/> by <see cref="From"/>, with the first pair of types that shows it.</summary>
    public sealed record Edge(string From, string To, string Example);

    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The namespace-to-namespace uses inside <paramref name="assemblies"/> (uses of anything else are ignored).</summary>
    public static IReadOnlyList<Edge> Build(params Assembly[] assemblies)
    {
        var ours = assemblies.ToHashSet();
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var from = type.Namespace;
            if (from is null || !from.StartsWith("SafetyConsole", StringComparison.Ordinal)) continue; // not the compiler's generated regexes
            foreach (var used in Uses(type))
            {
                if (used.Namespace is not { } to || to == from || !ours.Contains(used.Assembly) || !to.StartsWith("SafetyConsole", StringComparison.Ordinal)) continue;
                edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
            }
        }
        return edges.Select(e => new Edge(e.Key.Item1, e.Key.Item2, e.Value)).OrderBy(e => e.From).ThenBy(e => e.To).ToList();
    }

    /// <summary>The namespaces that use each other in a circle (strongly connected groups of more than one).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyList<Edge> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order().ToList();
        // Tarjan's algorithm.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var groups = new List<IReadOnlyList<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); group.Add(x); } while (x != v);
            if (group.Count > 1) groups.Add(group.Order().ToList());
        }
        foreach (var n in nodes) if (!index.ContainsKey(n)) Visit(n);
        return groups;
    }

    private static IEnumerable<Type> Uses(Type type)
    {
        var found = new List<Type>();
        void Add(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericParameter) return;
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments()) Add(a);
                Add(t.GetGenericTypeDefinition());
                return;
            }
            found.Add(t);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(Declared)) Add(f.FieldType);
        foreach (var p in type.GetProperties(Declared)) Add(p.PropertyType);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            foreach (var t in BodyUses(type, m)) Add(t);
        }
        return found;
    }

    /// <summary>The types a method body names: the declaring types of the methods and fields it touches and the types it names.</summary>
    private static IEnumerable<Type> BodyUses(Type type, MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        var il = body.GetILAsByteArray() ?? [];
        var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            var size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, i);
                MemberInfo? member = null;
                try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException) { }
                switch (member)
                {
                    case Type t: yield return t; break;
                    case MethodBase m:
                        if (m.DeclaringType is { } d) yield return d;
                        if (m is MethodInfo { IsGenericMethod: true } g) foreach (var a in g.GetGenericArguments()) yield return a;
                        break;
                    case FieldInfo f:
                        if (f.DeclaringType is { } fd) yield return fd;
                        yield return f.FieldType;
                        break;
                }
            }
            i += size;
        }
    }
}
