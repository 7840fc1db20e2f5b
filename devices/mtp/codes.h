#pragma once
// PTP/MTP numbers used by the initiator and the simulated responder (PTP 1.1 = ISO 15740, MTP 1.1).
#include <cstdint>

namespace sanaq::mtp {

enum class ContainerType : std::uint16_t { Command = 1, Data = 2, Response = 3, Event = 4 };

namespace op {
inline constexpr std::uint16_t GetDeviceInfo = 0x1001;
inline constexpr std::uint16_t OpenSession = 0x1002;
inline constexpr std::uint16_t CloseSession = 0x1003;
inline constexpr std::uint16_t GetStorageIDs = 0x1004;
inline constexpr std::uint16_t GetObjectHandles = 0x1007;
inline constexpr std::uint16_t GetObjectInfo = 0x1008;
inline constexpr std::uint16_t GetObject = 0x1009;
inline constexpr std::uint16_t DeleteObject = 0x100B;
inline constexpr std::uint16_t SendObjectInfo = 0x100C;
inline constexpr std::uint16_t SendObject = 0x100D;
}  // namespace op

namespace rc {
inline constexpr std::uint16_t OK = 0x2001;
inline constexpr std::uint16_t GeneralError = 0x2002;
inline constexpr std::uint16_t SessionNotOpen = 0x2003;
inline constexpr std::uint16_t InvalidTransactionID = 0x2004;
inline constexpr std::uint16_t OperationNotSupported = 0x2005;
inline constexpr std::uint16_t ParameterNotSupported = 0x2006;
inline constexpr std::uint16_t IncompleteTransfer = 0x2007;
inline constexpr std::uint16_t InvalidStorageID = 0x2008;
inline constexpr std::uint16_t InvalidObjectHandle = 0x2009;
inline constexpr std::uint16_t StoreFull = 0x200C;
inline constexpr std::uint16_t AccessDenied = 0x200F;
inline constexpr std::uint16_t NoValidObjectInfo = 0x2015;
inline constexpr std::uint16_t DeviceBusy = 0x2019;
inline constexpr std::uint16_t InvalidParentObject = 0x201A;
inline constexpr std::uint16_t InvalidParameter = 0x201D;
inline constexpr std::uint16_t SessionAlreadyOpen = 0x201E;
}  // namespace rc

namespace format {
inline constexpr std::uint16_t Undefined = 0x3000;
inline constexpr std::uint16_t Association = 0x3001;  // a folder
}  // namespace format

inline constexpr std::uint16_t kAssociationGenericFolder = 0x0001;
inline constexpr std::uint32_t kAllStorages = 0xFFFFFFFF;
inline constexpr std::uint32_t kRootParent = 0xFFFFFFFF;  // GetObjectHandles/SendObjectInfo: storage root

}  // namespace sanaq::mtp
