#pragma once
// Small JSON helpers shared by the wire protocol's codecs (wireprotocol.cpp, fleetwire.cpp); not a public header.

#include "link/wireprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace cityops::wire {

inline QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

inline Refused malformed(const QString &why) { return Refused{Refusal::Malformed, why}; }

/// A whole number in [0, max] (max defaults to the largest integer a double holds exactly).
inline bool isCount(const QJsonValue &v, double max = 9007199254740991.0)
{
    return v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= max && v.toDouble() == std::floor(v.toDouble());
}

} // namespace cityops::wire
