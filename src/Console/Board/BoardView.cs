using SafetyConsole.Cli.Board.Terminal;
using static SafetyConsole.Cli.Board.BoardStyles;

namespace SafetyConsole.Cli.Board;

/// <summary>
/// The board's view (bubbletea's View): a pure function of the state and the theme to a <see cref="Screen"/>. It lays
/// out the panels (Panels/) and draws the open dialog on top (each dialog draws itself, Dialogs/). Spectre widgets
/// render offscreen into the screen with explicit column widths; all data goes in as <c>Text</c>, never markup, so a
/// description "[red]boom" shows literally.
/// </summary>
public static class BoardView
{
    /// <summary>Draws the board; <paramref name="reuse"/> (a screen no longer shown) is drawn on instead of allocating one.</summary>
    public static Screen Render(BoardState s, BoardTheme theme, Palette palette, Screen? reuse = null)
    {
        Screen c;
        if (reuse is not null && reuse.Width == s.Width && reuse.Height == s.Height && reuse.Theme == theme && reuse.Palette == palette)
        {
            c = reuse;
            c.Clear();
        }
        else
        {
            c = new Screen(s.Width, s.Height, palette, theme);
        }
        var layout = BoardLayout.For(s.Width, s.Height, s.Focus);
        if (layout.TooSmall)
        {
            c.Put(0, 0, $"The board needs at least {BoardLayout.MinWidth}x{BoardLayout.MinHeight}; this terminal is {s.Width}x{s.Height}.", Bold);
            c.Put(0, Math.Min(1, s.Height - 1), "Enlarge the window, or press q to quit.", Plain);
            return c;
        }

        HeaderPanel.Draw(c, s, layout.Header);
        switch (layout.MainShows)
        {
            case Focus.Officers: OfficersPanel.Draw(c, s, layout.Main, focused: true); break;
            case Focus.Detail: DetailPanel.Draw(c, s, layout.Main, focused: true); break;
            default: CallsPanel.Draw(c, s, layout.Main); break;
        }
        if (layout.Officers is { } o) OfficersPanel.Draw(c, s, o, focused: s.Focus == Focus.Officers);
        if (layout.Detail is { } d) DetailPanel.Draw(c, s, d, focused: s.Focus == Focus.Detail);
        StatusBar.Draw(c, s, layout.Status);
        StatusBar.Footer(c, s, layout.Footer);
        s.Overlay?.Draw(c, s);
        return c;
    }
}
