using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Routing;

/// <summary>Great-circle (haversine) distance, §3.</summary>
public static class Geo
{
    /// <summary>Mean earth radius (IUGG), metres.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Great-circle distance in metres between two points (haversine).</summary>
    public static double HaversineMeters(GeoPoint a, GeoPoint b)
    {
        var (lat1, lon1, cos1) = Prepare(a);
        var (lat2, lon2, cos2) = Prepare(b);
        return HaversineMeters(lat1, lon1, cos1, lat2, lon2, cos2);
    }

    /// <summary>Radians and cos(latitude) of a point, precomputed once for repeated distances.</summary>
    internal static (double Lat, double Lon, double CosLat) Prepare(GeoPoint p)
    {
        var lat = p.Lat * DegToRad;
        return (lat, p.Lon * DegToRad, Math.Cos(lat));
    }

    internal static double HaversineMeters(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2)
    {
        var sLat = Math.Sin((lat2 - lat1) * 0.5);
        var sLon = Math.Sin((lon2 - lon1) * 0.5);
        var h = sLat * sLat + cos1 * cos2 * sLon * sLon;
        if (h > 1) h = 1;
        return 2 * EarthRadiusMeters * Math.Asin(Math.Sqrt(h));
    }
}
