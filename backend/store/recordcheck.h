#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace cityops::recordcheck {

struct Outcome {
    recordchain::Verdict chain;
    std::optional<snapshotcheck::Verdict> snapshots;   ///< none when the chain already failed
    bool intact() const { return chain.intact && snapshots && snapshots->intact; }
};

/// The record checked as `cityops-export verify` checks it, for the desk: the events' hash chain and checkpoints
/// signed with `publicKeyPem` (the console's own key; empty: the chain alone), then every snapshot rebuilt from the
/// events (store/snapshotcheck.h). Read-only, beside the live writer. `progress` hears how far, 0 to 1, and stops the
/// check by returning false (an error, "cancelled").
Result<Outcome> run(const QString &storePath, std::shared_ptr<const CityModel> city, const QByteArray &publicKeyPem,
                    const std::function<bool(double)> &progress = {});

} // namespace cityops::recordcheck
