#pragma once

#include <QByteArray>
#include <QString>

namespace cityops::hexdigits {

/// Key ids, journal ids, keyring digests and city fingerprints are all written the same way: the first 8 bytes of a
/// hash as 16 lowercase hex digits. One place makes and checks them, so no reader is stricter or looser than another.
inline QString sixteenOf(const QByteArray &hash) { return QString::fromLatin1(hash.left(8).toHex()); }

/// Whether `text` is exactly 16 lowercase hex digits (what `sixteenOf` writes).
inline bool isSixteen(const QString &text)
{
    if (text.size() != 16)
        return false;
    for (const QChar c : text)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

} // namespace cityops::hexdigits
