#pragma once

#include "model/device.h"
#include "state/orderbook.h"

#include <QHash>

#include <functional>

namespace cityops {

/// Which order holds which device (select-before-operate), the one place that answers "who holds it". This
/// console's reservations are kept here as they are made, ahead of the order book (which hears of them only when
/// the events are applied); other consoles' reservations are read from the order book, which learns them from the
/// shared operations. `isLive(order)` tells this console's orders in progress apart from everyone else's.
class ReservationLedger {
public:
    ReservationLedger(const OrderBook &book, std::function<bool(std::uint32_t order)> isLive)
        : m_book(book), m_isLive(std::move(isLive))
    {
    }

    /// The order holding `device` at `nowMs`, other than `except`; 0 when it is free (or held by `except`).
    /// Another console's order holds it no longer once it has expired (Order::holdsDevicesAt).
    std::uint32_t holderOf(DeviceIndex device, std::uint32_t except, std::int64_t nowMs) const
    {
        const std::uint32_t ours = m_held.value(device, 0);
        if (ours != 0 && ours != except)
            return ours;
        const std::uint32_t booked = m_book.holderAt(device, nowMs);
        return booked != 0 && booked != except && !m_isLive(booked) ? booked : 0;
    }
    /// This console's order holding `device`, or 0.
    std::uint32_t heldBy(DeviceIndex device) const { return m_held.value(device, 0); }
    void reserve(DeviceIndex device, std::uint32_t order) { m_held.insert(device, order); }
    /// Lets go of `device` if `order` holds it.
    void release(DeviceIndex device, std::uint32_t order)
    {
        if (m_held.value(device, 0) == order)
            m_held.remove(device);
    }

private:
    const OrderBook &m_book;
    std::function<bool(std::uint32_t)> m_isLive;
    QHash<DeviceIndex, std::uint32_t> m_held;
};

} // namespace cityops
