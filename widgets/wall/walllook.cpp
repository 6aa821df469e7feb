#include "wall/walllook.h"

#include <QFontMetrics>

namespace cityops {

QFont WallLook::fontWithCapHeight(int capPx, bool bold)
{
    QFont font;
    font.setBold(bold);
    // Capital letters are about 0.7 em in common sans fonts: start there and grow until they are tall enough.
    for (int px = std::max(6, capPx * 13 / 10); px < capPx * 3; ++px) {
        font.setPixelSize(px);
        if (QFontMetrics(font).capHeight() >= capPx)
            return font;
    }
    font.setPixelSize(capPx * 3);
    return font;
}

WallLook::WallLook(int minCapHeightPx)
    : minCapPx(minCapHeightPx),
      normal(fontWithCapHeight(minCapHeightPx, false)),
      large(fontWithCapHeight(minCapHeightPx * 16 / 10, true)),
      huge(fontWithCapHeight(minCapHeightPx * 26 / 10, true)),
      margin(std::max(8, minCapHeightPx / 2))
{
}

} // namespace cityops
