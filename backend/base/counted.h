#pragma once

#include <QString>

namespace cityops {

/// "1 alarm", "3 alarms", "0 alarms": a count with its noun in English. The backend's sentences (the record, order
/// descriptions, refusals) are English and read by people — on the wall, in the record, in an export — so they say
/// the number properly rather than "1 alarm(s)". The console's own words count through tr("%n …(s)") and the
/// English catalogue's plural forms (translations/cityops_en.ts). `many` defaults to `one` + "s".
inline QString counted(qint64 n, const char *one, const char *many = nullptr)
{
    const QString noun = n == 1 ? QString::fromLatin1(one)
                       : many   ? QString::fromLatin1(many)
                                : QString::fromLatin1(one) + QLatin1Char('s');
    return QString::number(n) + QLatin1Char(' ') + noun;
}

} // namespace cityops
