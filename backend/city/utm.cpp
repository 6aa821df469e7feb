#include "city/utm.h"

#include <QRegularExpression>

#include <cmath>

namespace cityops {
namespace {

constexpr double kA = 6378137.0;              // WGS84 semi-major axis
constexpr double kF = 1.0 / 298.257223563;    // WGS84 flattening
constexpr double kK0 = 0.9996;
constexpr double kFalseEasting = 500000.0;
constexpr double kFalseNorthingSouth = 10000000.0;
constexpr double kDeg = M_PI / 180.0;

// Krüger series coefficients (Karney 2011, eq. 35/36), computed once.
struct Krueger {
    double A;
    double alpha[4];
    double beta[4];
    double delta[4];
    Krueger()
    {
        const double n = kF / (2 - kF);
        const double n2 = n * n, n3 = n2 * n, n4 = n3 * n;
        A = kA / (1 + n) * (1 + n2 / 4 + n4 / 64);
        alpha[0] = n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180;
        alpha[1] = 13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440;
        alpha[2] = 61 * n3 / 240 - 103 * n4 / 140;
        alpha[3] = 49561 * n4 / 161280;
        beta[0] = n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360;
        beta[1] = n2 / 48 + n3 / 15 - 437 * n4 / 1440;
        beta[2] = 17 * n3 / 480 - 37 * n4 / 840;
        beta[3] = 4397 * n4 / 161280;
        delta[0] = 2 * n - 2 * n2 / 3 - 2 * n3 + 116 * n4 / 45;
        delta[1] = 7 * n2 / 3 - 8 * n3 / 5 - 227 * n4 / 45;
        delta[2] = 56 * n3 / 15 - 136 * n4 / 35;
        delta[3] = 4279 * n4 / 630;
    }
};

const Krueger &krueger()
{
    static const Krueger k;
    return k;
}

double centralMeridianDeg(const UtmZone &zone) { return zone.zone * 6.0 - 183.0; }

} // namespace

Result<UtmZone> parseUtmProjection(const QString &proj)
{
    const QString trimmed = proj.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("!"))
        return makeError(QStringLiteral("the network has no geo-reference (projParameter is \"%1\"); "
                                        "re-run netconvert with --proj.utm so positions can be placed on Earth")
                             .arg(trimmed));
    static const QRegularExpression projRe(QStringLiteral("\\+proj=(\\w+)"));
    static const QRegularExpression zoneRe(QStringLiteral("\\+zone=(\\d+)"));
    const auto projMatch = projRe.match(trimmed);
    if (!projMatch.hasMatch() || projMatch.captured(1) != QLatin1String("utm"))
        return makeError(QStringLiteral("unsupported projection \"%1\": only UTM (+proj=utm) is supported").arg(trimmed));
    const auto zoneMatch = zoneRe.match(trimmed);
    if (!zoneMatch.hasMatch())
        return makeError(QStringLiteral("UTM projection without +zone: \"%1\"").arg(trimmed));
    const int zone = zoneMatch.captured(1).toInt();
    if (zone < 1 || zone > 60)
        return makeError(QStringLiteral("UTM zone %1 is out of range 1..60").arg(zone));
    if (trimmed.contains(QLatin1String("+ellps=")) && !trimmed.contains(QLatin1String("+ellps=WGS84")))
        return makeError(QStringLiteral("unsupported ellipsoid in \"%1\": only WGS84 is supported").arg(trimmed));
    return UtmZone{zone, trimmed.contains(QLatin1String("+south"))};
}

GeoPoint utmToWgs84(const UtmZone &zone, double easting, double northing)
{
    const Krueger &k = krueger();
    const double e2 = kF * (2 - kF);
    const double e = std::sqrt(e2);
    const double xi = (northing - (zone.south ? kFalseNorthingSouth : 0.0)) / (kK0 * k.A);
    const double eta = (easting - kFalseEasting) / (kK0 * k.A);

    double xiP = xi, etaP = eta;
    for (int j = 1; j <= 4; ++j) {
        xiP -= k.beta[j - 1] * std::sin(2 * j * xi) * std::cosh(2 * j * eta);
        etaP -= k.beta[j - 1] * std::cos(2 * j * xi) * std::sinh(2 * j * eta);
    }
    const double chi = std::asin(std::sin(xiP) / std::cosh(etaP)); // conformal latitude
    // Conformal -> geodetic latitude by Newton iteration on tau = tan(phi) (Karney 2011, eq. 19-21), which is
    // exact to machine precision rather than truncating a series.
    const double tauP = std::tan(chi);
    double tau = tauP;
    for (int i = 0; i < 6; ++i) {
        const double sigma = std::sinh(e * std::atanh(e * tau / std::sqrt(1 + tau * tau)));
        const double tauPi = tau * std::sqrt(1 + sigma * sigma) - sigma * std::sqrt(1 + tau * tau);
        const double dTau = (tauP - tauPi) / std::sqrt(1 + tauPi * tauPi) * (1 + (1 - e2) * tau * tau)
                            / ((1 - e2) * std::sqrt(1 + tau * tau));
        tau += dTau;
        if (std::abs(dTau) < 1e-14)
            break;
    }
    const double lat = std::atan(tau);
    const double lon = centralMeridianDeg(zone) * kDeg + std::atan2(std::sinh(etaP), std::cos(xiP));
    return {lon / kDeg, lat / kDeg};
}

void wgs84ToUtm(const UtmZone &zone, const GeoPoint &p, double *easting, double *northing)
{
    const Krueger &k = krueger();
    const double e = std::sqrt(kF * (2 - kF));
    const double phi = p.lat * kDeg;
    const double lambda = (p.lon - centralMeridianDeg(zone)) * kDeg;
    const double tau = std::tan(phi);
    const double sigma = std::sinh(e * std::atanh(e * tau / std::sqrt(1 + tau * tau)));
    const double tauP = tau * std::sqrt(1 + sigma * sigma) - sigma * std::sqrt(1 + tau * tau);
    const double xiP = std::atan2(tauP, std::cos(lambda));
    const double etaP = std::asinh(std::sin(lambda) / std::sqrt(tauP * tauP + std::cos(lambda) * std::cos(lambda)));
    double xi = xiP, eta = etaP;
    for (int j = 1; j <= 4; ++j) {
        xi += k.alpha[j - 1] * std::sin(2 * j * xiP) * std::cosh(2 * j * etaP);
        eta += k.alpha[j - 1] * std::cos(2 * j * xiP) * std::sinh(2 * j * etaP);
    }
    *easting = kFalseEasting + kK0 * k.A * eta;
    *northing = kK0 * k.A * xi + (zone.south ? kFalseNorthingSouth : 0.0);
}

} // namespace cityops
