#pragma once
// Small JSON helpers shared by the wire protocol's codecs (wireprotocol.cpp, fleetwire.cpp); not a public header.

#include "codec/eventjson.h"
#include "link/wireprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace cityops::wire {

inline QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

inline Refused malformed(const QString &why) { return Refused{Refusal::Malformed, why}; }

/// A whole number in [0, max] (max defaults to the largest integer a double holds exactly).
inline bool isCount(const QJsonValue &v, double max = eventjson::kMaxWhole) { return eventjson::wholeIn(v, 0, max).has_value(); }

} // namespace cityops::wire
