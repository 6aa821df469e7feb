#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "store/recordchain.h"
#include "store/snapshotcheck.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace cityops {
class CommandVerifier;
}

namespace cityops::recordcheck {

struct Outcome {
    recordchain::Verdict chain;
    std::optional<snapshotcheck::Verdict> snapshots;   ///< none when the chain failed, or when `snapshotsNotChecked`
    /// The chain is intact but the snapshots could not be rebuilt: the recording's city could not be had, or the store
    /// records another city. The caller's to put right (it gave the city), not a finding about the record.
    QString snapshotsNotChecked;
    bool intact() const { return chain.intact && snapshots && snapshots->intact; }
};

/// The recording's city, asked for only once the chain is intact (a tampered record is reported without it).
using CityOf = std::function<Result<std::shared_ptr<const CityModel>>()>;

/// The record checked — by `cityops-export verify --store` and by the desk alike: the events' hash chain and its
/// checkpoints signed with `key` (null: the chain alone), then every snapshot rebuilt from the events
/// (store/snapshotcheck.h). Read-only, beside a live writer. `progress` hears how far the snapshots are, 0 to 1, and
/// stops the check by returning false (an error, "cancelled"). An error is a store that could not be read.
Result<Outcome> run(const QString &storePath, const CommandVerifier *key, const CityOf &cityOf,
                    const std::function<bool(double)> &progress = {});

} // namespace cityops::recordcheck
