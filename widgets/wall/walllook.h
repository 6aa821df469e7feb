#pragma once

#include "map/mapstyle.h"

#include <QColor>
#include <QFont>

namespace cityops {

/// How the wall looks: a dark, high-contrast theme for dim rooms (ISA-101: grey for normal, colour only for what
/// is abnormal, and every colour repeated by a shape or a word), and three type sizes whose smallest capital letter
/// is at least the wall's minimum character height (wallsizing::minCharHeightPx).
struct WallLook {
    explicit WallLook(int minCapHeightPx);

    int minCapPx;
    QFont normal;   ///< capital letters exactly the minimum height (or just above)
    QFont large;    ///< 1.6 × the minimum: figures, headlines
    QFont huge;     ///< 2.6 × the minimum: the one number a tile is about
    int margin;     ///< inner margin of a tile, and the gap kept clear of a spanned tile's bezels

    static QColor background() { return QColor(0x0e, 0x10, 0x12); }
    static QColor tile() { return QColor(0x16, 0x19, 0x1c); }
    static QColor text() { return QColor(0xd8, 0xdc, 0xe0); }
    static QColor dim() { return QColor(0x9a, 0xa1, 0xa8); }
    static QColor rule() { return QColor(0x3a, 0x40, 0x46); }
    // The console's one palette (map/mapstyle.h); red is a shade lighter, as text on the wall's darker ground.
    static QColor amber() { return mapstyle::alarmAmber(); }
    static QColor red() { return QColor(0xff, 0x4d, 0x40); }
    static QColor noData() { return mapstyle::noData(); }
    static QColor replay() { return QColor(0x4d, 0x9c, 0xff); }

    /// The pixel size of `family` (bold when asked) whose capital letters are at least `capPx` high.
    static QFont fontWithCapHeight(int capPx, bool bold);
};

} // namespace cityops
