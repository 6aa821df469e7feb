#pragma once

#include "base/result.h"

#include <QRect>
#include <QString>
#include <QStringList>

#include <vector>

namespace cityops {

/// What a wall tile shows (docs/WALL.md).
enum class WallTileKind { CityMap, DistrictMap, Incidents, Alarms, Energy, KeyFigures, Clock };
QString wallTileKindName(WallTileKind kind);   ///< the layout file's word: city-map, district-map, incidents, …

/// One tile: a cell or a span of cells of the wall's grid of panels.
struct WallTileSpec {
    WallTileKind kind = WallTileKind::CityMap;
    int row = 0, column = 0, rowSpan = 1, columnSpan = 1;
    int district = -1;           ///< district-map: the district shown first (index in the city)
    int rotateSeconds = 0;       ///< district-map: go on to the next district this often (0: stay)
};

/// A video wall: a grid of identical panels (rows × columns), how it is wired, how far away people read it, and
/// the tiles on it. Read from a JSON file (`cityops --wall FILE`) or built in (`--wall default`).
struct WallLayout {
    /// Screens: one Qt screen per panel, in row order. Spanned: one large desktop the wall controller spans; the
    /// panels are laid out on it with `bezelPx` between them.
    enum class Wiring { Screens, Spanned };
    Wiring wiring = Wiring::Spanned;
    int rows = 2, columns = 3;
    int bezelPx = 0;
    double panelDiagonalInches = 55.0;
    int panelWidthPx = 1920, panelHeightPx = 1080;
    double viewingDistanceM = 6.0;
    int staleAfterSeconds = 30;      ///< a tile whose data is older than this says so across its face
    /// A panel must hold at least this many lines of the smallest type readable from viewingDistanceM (a board's
    /// title and a few rows); a layout whose panels cannot is refused.
    static constexpr int kLinesAPanelHolds = 8;
    std::vector<WallTileSpec> tiles;

    /// Three by two 55" 1080p panels: the city map over two panels and incidents on the top row; energy, alarms and
    /// the key figures with the clock below.
    static WallLayout builtIn();
    /// Parses a layout; district names are matched against `districtNames`. Errors name the key and what is wrong.
    static Result<WallLayout> fromJson(const QByteArray &json, const QStringList &districtNames);
    static Result<WallLayout> load(const QString &path, const QStringList &districtNames);

    /// Where panel (row, column) sits on the spanned desktop, bezels included.
    QRect panelRect(int row, int column) const;
    /// The bezels between the panels a tile spans, as bands in the coordinates of a tile whose top-left corner is at
    /// `tileOrigin` on the wall (a seam of 0 px is a band 1 px wide: the panels' frames are still there).
    std::vector<QRect> bezelsWithin(const WallTileSpec &tile, const QPoint &tileOrigin) const;
    /// Where a tile sits on the spanned desktop: from its first panel's corner to its last panel's (the bezels inside
    /// a span are covered — the tile's content keeps clear of them, see WallTile).
    QRect tileRect(const WallTileSpec &tile) const;
    QSize wallSize() const;
};

/// The sizing rule for reading at a distance (docs/WALL.md): a character must subtend at least 20 minutes of arc,
/// i.e. be at least distance × tan(20′) high (≈ 35 mm at 6 m), converted to pixels with the panel's pixel pitch.
namespace wallsizing {
double minCharHeightMm(double viewingDistanceM);
/// Millimetres per pixel of a panel of this diagonal and resolution (square pixels).
double pixelPitchMm(double diagonalInches, int widthPx, int heightPx);
/// The smallest character (capital letter) height in pixels anything on the wall may have.
int minCharHeightPx(const WallLayout &layout);
} // namespace wallsizing

} // namespace cityops
