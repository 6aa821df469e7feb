#pragma once

#include "base/result.h"
#include "city/citymodel.h"
#include "store/recordchain.h"

#include <QIODevice>

#include <functional>

namespace cityops::chainexport {

/// A time window of the record that a third party can check with the console's public key alone (docs/STORE.md,
/// "Exports that carry the chain"). JSON Lines:
/// - first, {"cityops_export":1,"chain_before":HEX,"first_seq":N,"last_seq":M};
/// - each event of the window as the plain export writes it, plus "chain" (its chain value, hex) and "row" (the
///   recorded row: kind, device index, payload in base64) — the bytes the chain is computed over;
/// - the rows after the window up to the next signed checkpoint, as {"tail":{seq,time_ms,kind,device,payload}} (a
///   window rarely ends on a checkpoint; these rows link it to one);
/// - the checkpoints from the window's start to that one, {"checkpoint":{seq,time_ms,chain,key,sig}}.
/// `progress` (optional) is told the share of rows written every 512 rows; returning false stops the
/// export with the error "cancelled".
Result<size_t> write(const QString &storePath, const CityModel &city, std::int64_t fromMs, std::int64_t toMs, QIODevice &out,
                     const std::function<bool(double fraction)> &progress = {});

/// Checks such a file: every row links to the one before, every event says what its row says, every checkpoint is
/// signed by `key`, and a checkpoint at or after the window's last event vouches for the chain there. Names the first
/// line that is not as recorded.
Result<recordchain::Verdict> verify(QIODevice &in, const CityModel &city, const CommandVerifier &key);

} // namespace cityops::chainexport
