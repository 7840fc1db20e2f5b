#pragma once
// The department's keys and the tablets' device keys: what makes a package trustworthy.
#include <optional>
#include <string>
#include <vector>

#include "core/domain/secret.h"
#include "core/usecases/session.h"

namespace sanaq {

/// The department's public file (X25519 encryption key + Ed25519 receipt-signing key, PEM) that
/// tablets encrypt to. The key pairs are made on first use and kept inside the encrypted store.
Result<std::string> department_public_keys(Session& session);

/// What the pull needs: the private halves, read inside the caller's transaction (made on first use).
struct DepartmentSecrets {
    SecretText encryption_private_pem;  // wiped when the secrets go
    SecretText signing_private_pem;
    std::string signing_public_pem;
    std::string signing_fingerprint;
};
Result<DepartmentSecrets> department_secrets(StoreSession& tx, const Session& session);

/// Enrols a tablet's Ed25519 public key (PEM text) against its kit; replacing an enrolled key
/// needs a reason. Refuses a key already enrolled on another kit.
Result<DeviceKey> enroll_device_key(Session& session, const std::string& kit_number,
                                    const std::string& public_key_pem, const std::string& reason = {});
Result<std::vector<DeviceKey>> enrolled_device_keys(Session& session);

/// A connected tablet as the Devices screen and `device list` show it: which kit, who holds it.
struct TabletIdentity {
    std::string usb_serial;
    std::string device_id;              // from the tablet's device-key file, when readable
    std::optional<Kit> kit;
    std::optional<ResponsibleEmployee> holder;
    std::optional<Institution> institution;
    bool key_enrolled = false;          // the tablet's key is the one enrolled on its kit
    bool key_mismatch = false;          // the kit has another key enrolled
};
/// Identifies a tablet by its USB serial, then by its device key (either may be empty).
Result<TabletIdentity> identify_tablet(Session& session, const std::string& usb_serial,
                                       const std::string& device_key_pem);

}  // namespace sanaq
