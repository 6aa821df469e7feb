#include "wall/walllayout.h"

#include "base/jsonkeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace cityops {
namespace {

constexpr WallTileKind kKinds[] = {WallTileKind::CityMap, WallTileKind::DistrictMap, WallTileKind::Incidents, WallTileKind::Alarms,
                                   WallTileKind::Energy,  WallTileKind::KeyFigures,  WallTileKind::Clock};

bool isWhole(const QJsonValue &v, int min, int max)
{
    return v.isDouble() && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() >= min && v.toDouble() <= max;
}


} // namespace

QString wallTileKindName(WallTileKind kind)
{
    switch (kind) {
    case WallTileKind::CityMap: return QStringLiteral("city-map");
    case WallTileKind::DistrictMap: return QStringLiteral("district-map");
    case WallTileKind::Incidents: return QStringLiteral("incidents");
    case WallTileKind::Alarms: return QStringLiteral("alarms");
    case WallTileKind::Energy: return QStringLiteral("energy");
    case WallTileKind::KeyFigures: return QStringLiteral("key-figures");
    case WallTileKind::Clock: return QStringLiteral("clock");
    }
    return {};
}

WallLayout WallLayout::builtIn()
{
    WallLayout l;
    l.tiles = {{WallTileKind::CityMap, 0, 0, 1, 2},   {WallTileKind::Incidents, 0, 2, 1, 1}, {WallTileKind::Energy, 1, 0, 1, 1},
               {WallTileKind::Alarms, 1, 1, 1, 1},    {WallTileKind::KeyFigures, 1, 2, 1, 1}};
    return l;
}

Result<WallLayout> WallLayout::load(const QString &path, const QStringList &districtNames)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the wall layout %1: %2").arg(path, file.errorString()));
    if (file.size() > 1024 * 1024)
        return makeError(QStringLiteral("%1 is too large to be a wall layout").arg(path));
    auto layout = fromJson(file.readAll(), districtNames);
    if (!layout)
        return makeError(QStringLiteral("%1: %2").arg(path, layout.error()));
    return layout;
}

Result<WallLayout> WallLayout::fromJson(const QByteArray &json, const QStringList &districtNames)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("not a JSON object (%1)").arg(error.errorString()));
    const QJsonObject o = doc.object();
    static const QStringList known{QStringLiteral("wiring"), QStringLiteral("rows"), QStringLiteral("columns"), QStringLiteral("bezelPx"),
                                   QStringLiteral("panel"), QStringLiteral("viewingDistanceM"), QStringLiteral("staleAfterSeconds"),
                                   QStringLiteral("tiles")};
    if (const QString key = jsonkeys::firstUnknown(o, known); !key.isEmpty())
        return makeError(QStringLiteral("unknown key \"%1\" (known: %2)").arg(key, known.join(QStringLiteral(", "))));
    WallLayout l;
    const QJsonValue wiringValue = o.value(QStringLiteral("wiring"));
    const QString wiring = wiringValue.isUndefined() ? QStringLiteral("spanned") : wiringValue.toString();
    if (wiring != QLatin1String("spanned") && wiring != QLatin1String("screens"))
        return makeError(QStringLiteral("\"wiring\" is \"screens\" (one screen per panel) or \"spanned\" (one desktop), not %1")
                             .arg(wiringValue.isString() ? QLatin1Char('"') + wiring + QLatin1Char('"') : QStringLiteral("a value of another kind")));
    l.wiring = wiring == QLatin1String("screens") ? Wiring::Screens : Wiring::Spanned;
    for (const auto &[key, target, min, max] : {std::tuple{"rows", &l.rows, 1, 8}, std::tuple{"columns", &l.columns, 1, 12},
                                                std::tuple{"bezelPx", &l.bezelPx, 0, 400}, std::tuple{"staleAfterSeconds", &l.staleAfterSeconds, 5, 3600}}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!isWhole(v, min, max))
            return makeError(QStringLiteral("\"%1\" must be a whole number from %2 to %3").arg(QLatin1String(key)).arg(min).arg(max));
        *target = v.toInt();
    }
    if (const QJsonValue d = o.value(QStringLiteral("viewingDistanceM")); !d.isUndefined()) {
        if (!d.isDouble() || d.toDouble() < 0.5 || d.toDouble() > 50)
            return makeError(QStringLiteral("\"viewingDistanceM\" must be a distance in metres from 0.5 to 50"));
        l.viewingDistanceM = d.toDouble();
    }
    if (const QJsonValue p = o.value(QStringLiteral("panel")); !p.isUndefined()) {
        const QJsonObject panel = p.toObject();
        static const QStringList panelKeys{QStringLiteral("diagonalInches"), QStringLiteral("widthPx"), QStringLiteral("heightPx")};
        if (const QString key = jsonkeys::firstUnknown(panel, panelKeys); !key.isEmpty())
            return makeError(QStringLiteral("\"panel\": unknown key \"%1\" (known: %2)").arg(key, panelKeys.join(QStringLiteral(", "))));
        if (!isWhole(panel.value(QStringLiteral("widthPx")), 320, 16384) || !isWhole(panel.value(QStringLiteral("heightPx")), 240, 16384)
            || !panel.value(QStringLiteral("diagonalInches")).isDouble() || panel.value(QStringLiteral("diagonalInches")).toDouble() < 10
            || panel.value(QStringLiteral("diagonalInches")).toDouble() > 300)
            return makeError(QStringLiteral("\"panel\" needs \"diagonalInches\" (10 to 300), \"widthPx\" and \"heightPx\""));
        l.panelDiagonalInches = panel.value(QStringLiteral("diagonalInches")).toDouble();
        l.panelWidthPx = panel.value(QStringLiteral("widthPx")).toInt();
        l.panelHeightPx = panel.value(QStringLiteral("heightPx")).toInt();
    }
    // The wall is read from where people sit: a panel that cannot hold a few lines of type they can read from there
    // (a small panel, or a far room) would show only cut-off words.
    if (const int capPx = wallsizing::minCharHeightPx(l); capPx * WallLayout::kLinesAPanelHolds > l.panelHeightPx)
        return makeError(QStringLiteral("from %1 m a character must be %2 mm high to be read: %3 px on these panels, and a panel of %4 px "
                                        "holds fewer than %5 lines of it; set \"viewingDistanceM\" to where people sit, or use larger panels")
                             .arg(l.viewingDistanceM)
                             .arg(std::ceil(wallsizing::minCharHeightMm(l.viewingDistanceM)))
                             .arg(capPx)
                             .arg(l.panelHeightPx)
                             .arg(WallLayout::kLinesAPanelHolds));
    if (!o.value(QStringLiteral("tiles")).isArray() || o.value(QStringLiteral("tiles")).toArray().isEmpty())
        return makeError(QStringLiteral("\"tiles\" must list at least one tile"));
    std::vector<std::vector<bool>> used(size_t(l.rows), std::vector<bool>(size_t(l.columns), false));
    int index = 0;
    for (const QJsonValue &v : o.value(QStringLiteral("tiles")).toArray()) {
        ++index;
        if (!v.isObject())
            return makeError(QStringLiteral("tile %1 must be an object: {\"kind\": …, \"row\": …, \"column\": …}").arg(index));
        const QJsonObject t = v.toObject();
        static const QStringList tileKeys{QStringLiteral("kind"), QStringLiteral("row"), QStringLiteral("column"), QStringLiteral("rowSpan"),
                                          QStringLiteral("columnSpan"), QStringLiteral("district"), QStringLiteral("rotateSeconds")};
        if (const QString key = jsonkeys::firstUnknown(t, tileKeys); !key.isEmpty())
            return makeError(QStringLiteral("tile %1: unknown key \"%2\" (known: %3)").arg(index).arg(key, tileKeys.join(QStringLiteral(", "))));
        WallTileSpec spec;
        const QString kind = t.value(QStringLiteral("kind")).toString();
        const auto found = std::find_if(std::begin(kKinds), std::end(kKinds), [&](WallTileKind k) { return wallTileKindName(k) == kind; });
        if (found == std::end(kKinds)) {
            QStringList names;
            for (WallTileKind k : kKinds)
                names << wallTileKindName(k);
            return makeError(QStringLiteral("tile %1: \"kind\" must be one of %2, not \"%3\"").arg(index).arg(names.join(QStringLiteral(", ")), kind));
        }
        spec.kind = *found;
        for (const auto &[key, target, min] : {std::tuple{"row", &spec.row, 0}, std::tuple{"column", &spec.column, 0},
                                               std::tuple{"rowSpan", &spec.rowSpan, 1}, std::tuple{"columnSpan", &spec.columnSpan, 1},
                                               std::tuple{"rotateSeconds", &spec.rotateSeconds, 0}}) {
            const QJsonValue value = t.value(QLatin1String(key));
            if (value.isUndefined())
                continue;
            if (!isWhole(value, min, 100000))
                return makeError(QStringLiteral("tile %1: \"%2\" must be a whole number ≥ %3").arg(index).arg(QLatin1String(key)).arg(min));
            *target = value.toInt();
        }
        if (spec.row + spec.rowSpan > l.rows || spec.column + spec.columnSpan > l.columns)
            return makeError(QStringLiteral("tile %1 (%2) does not fit on a wall of %3 × %4 panels").arg(index).arg(kind).arg(l.rows).arg(l.columns));
        for (int r = spec.row; r < spec.row + spec.rowSpan; ++r)
            for (int c = spec.column; c < spec.column + spec.columnSpan; ++c) {
                if (used[size_t(r)][size_t(c)])
                    return makeError(QStringLiteral("tile %1 (%2) overlaps another tile at row %3, column %4").arg(index).arg(kind).arg(r).arg(c));
                used[size_t(r)][size_t(c)] = true;
            }
        if (spec.kind == WallTileKind::DistrictMap) {
            const QJsonValue districtValue = t.value(QStringLiteral("district"));
            if (!districtValue.isUndefined() && !districtValue.isString())
                return makeError(QStringLiteral("tile %1: \"district\" is a district's name").arg(index));
            const QString district = districtValue.toString();
            if (!district.isEmpty()) {
                for (int d = 0; d < districtNames.size(); ++d)
                    if (districtNames[d].compare(district, Qt::CaseInsensitive) == 0)
                        spec.district = d;
                if (spec.district < 0)
                    return makeError(QStringLiteral("tile %1: this city has no district \"%2\"").arg(index).arg(district));
            } else if (spec.rotateSeconds == 0) {
                return makeError(QStringLiteral("tile %1: a district map names its \"district\" or rotates (\"rotateSeconds\")").arg(index));
            }
            if (spec.rotateSeconds > 0 && spec.rotateSeconds < 5)
                return makeError(QStringLiteral("tile %1: \"rotateSeconds\" of at least 5 (people must be able to read it)").arg(index));
            if (districtNames.isEmpty())
                return makeError(QStringLiteral("tile %1: this city has no districts to show").arg(index));
            if (spec.district < 0)
                spec.district = 0;
        } else if (t.contains(QStringLiteral("district")) || spec.rotateSeconds != 0) {
            return makeError(QStringLiteral("tile %1: only a district-map takes \"district\" and \"rotateSeconds\"").arg(index));
        }
        if (l.wiring == Wiring::Screens && (spec.rowSpan > 1 || spec.columnSpan > 1))
            return makeError(QStringLiteral("tile %1 (%2) spans panels, which \"wiring\": \"screens\" cannot (one window per screen); use \"spanned\"")
                                 .arg(index).arg(kind));
        l.tiles.push_back(spec);
    }
    return l;
}

QRect WallLayout::panelRect(int row, int column) const
{
    return QRect(column * (panelWidthPx + bezelPx), row * (panelHeightPx + bezelPx), panelWidthPx, panelHeightPx);
}

std::vector<QRect> WallLayout::bezelsWithin(const WallTileSpec &t, const QPoint &tileOrigin) const
{
    std::vector<QRect> bands;
    if (wiring != Wiring::Spanned)
        return bands;   // one screen per panel: a tile never spans
    const QRect whole = tileRect(t);
    const int seam = std::max(1, bezelPx);
    for (int r = t.row; r + 1 < t.row + t.rowSpan; ++r) {
        const int top = panelRect(r, t.column).bottom() + 1;
        bands.push_back(QRect(whole.left(), top, whole.width(), seam).translated(-tileOrigin));
    }
    for (int c = t.column; c + 1 < t.column + t.columnSpan; ++c) {
        const int left = panelRect(t.row, c).right() + 1;
        bands.push_back(QRect(left, whole.top(), seam, whole.height()).translated(-tileOrigin));
    }
    return bands;
}

QRect WallLayout::tileRect(const WallTileSpec &t) const
{
    return panelRect(t.row, t.column).united(panelRect(t.row + t.rowSpan - 1, t.column + t.columnSpan - 1));
}

QSize WallLayout::wallSize() const
{
    const QRect last = panelRect(rows - 1, columns - 1);
    return QSize(last.right() + 1, last.bottom() + 1);
}

namespace wallsizing {

double minCharHeightMm(double viewingDistanceM)
{
    constexpr double kTwentyArcMinutes = 20.0 / 60.0 * M_PI / 180.0;
    return viewingDistanceM * 1000.0 * std::tan(kTwentyArcMinutes);
}

double pixelPitchMm(double diagonalInches, int widthPx, int heightPx)
{
    const double diagonalPx = std::hypot(double(widthPx), double(heightPx));
    return diagonalInches * 25.4 / diagonalPx;
}

int minCharHeightPx(const WallLayout &l)
{
    return int(std::ceil(minCharHeightMm(l.viewingDistanceM) / pixelPitchMm(l.panelDiagonalInches, l.panelWidthPx, l.panelHeightPx)));
}

} // namespace wallsizing
} // namespace cityops
