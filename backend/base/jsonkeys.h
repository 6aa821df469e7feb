#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace cityops::jsonkeys {

/// The first key of `o` that is not one of `known` (empty when all are). Files people write by hand refuse what they do
/// not know rather than ignore it: a misspelt key would otherwise leave its setting at the default without a word.
inline QString firstUnknown(const QJsonObject &o, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return it.key();
    return {};
}

} // namespace cityops::jsonkeys
