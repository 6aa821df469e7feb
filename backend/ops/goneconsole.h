#pragma once

#include "base/result.h"
#include "ops/deskcontext.h"
#include "ops/opsrequest.h"
#include "security/actor.h"

#include <vector>

namespace cityops {

/// A console that goes down mid-order leaves its order holding devices at every other console until the order
/// expires (15 min by default, up to 24 h): nobody else may command them meanwhile, and no override lets them
/// (ops/interlocks.h). So does a console taken out of the console keyring (a stolen laptop): its steps are refused
/// here from then on, so it cannot end its orders either. While that console is gone — its status says offline, or
/// its Will was published — or out of the keyring, a supervisor here may release what the order holds here, with a
/// reason: one event (CommandStage::Released), recorded and never shared. The devices may then be ordered from this
/// console. The release ends by itself when that console is back (online and in the keyring) or speaks for the order
/// again (OrderBook). What it sent may still act until the order expires: the receipt says until when.
Result<OpsReceipt> releaseGoneConsolesOrder(const Actor &actor, const request::ReleaseOrder &r, const DeskContext &ctx, std::int64_t nowMs,
                                            std::vector<Event> &out);

/// What to add to the name of `order`'s requester where a device it holds is refused: that its console is gone (or out
/// of the keyring) and what a supervisor may do ("…, which is gone: a supervisor may release that order here (Commands
/// panel)"); empty unless it is another console's order whose console is gone or out of the keyring.
QString goneConsoleNote(const OrderBook &orders, const Order &order);

/// What to add to the name of `order`'s requester where a device it would hold but for a release here is refused
/// while this console cannot hear the broker (DeskContext::hearsTheOthers): its console may be back already, and its
/// order working that device again. A release made just before this console lost the broker would otherwise let new
/// orders take its devices until this console hears that console back.
QString unheardReleaseNote(const Order &order);

/// The devices `order` holds here at `nowMs`: its targets selected or under way, each device once (none once it has
/// finished, expired past its grace, or been released here).
int devicesHeldBy(const Order &order, std::int64_t nowMs);

/// Whether `order` is another console's whose console is gone or out of the keyring by `roll` (OrderBook::consoles())
/// and still holds a device here at `nowMs`: what the desk marks, announces and hands over, and what a supervisor may
/// release.
bool heldByGoneConsole(const Order &order, const std::vector<OrderBook::ConsoleSeen> &roll, std::int64_t nowMs);

} // namespace cityops
