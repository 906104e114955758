import SyncroCatalog

extension SimulatorTokens {
    /// The bundled sample tokens, identical to `samples/tokens.json` (a test checks it), embedded in code so the
    /// binary needs no resource bundle.
    ///
    /// - `sfdemo-full-…`: exactly the permissions of the setup guide, step 2.3; acts as the integration user 118.
    /// - `sfdemo-readonly-…`: the List/Search and View permissions only.
    /// - `sfdemo-notickets-…`: the setup guide's permissions without any ticket permission.
    /// - `sfdemo-migration-…`: every read permission, for `export --entities all`; no write permission.
    package static var samples: SimulatorTokens {
        SimulatorTokens([
            SimulatorToken(
                token: "sfdemo-full-3f9c2a7e5b1d4c8e9a0f6b2d7c4e1a5b",
                name: "Support Fusion (full integration)",
                permissions: [
                    SyncroPermission.customersList,
                    SyncroPermission.customersView,
                    SyncroPermission.assetsList,
                    SyncroPermission.assetsView,
                    SyncroPermission.ticketsCreate,
                    SyncroPermission.ticketsEdit,
                    SyncroPermission.ticketsList,
                    SyncroPermission.ticketsView,
                    SyncroPermission.ticketCommentsNew,
                    SyncroPermission.ticketAttachmentsView,
                    SyncroPermission.productsList,
                    SyncroPermission.endUserTags,
                    SyncroPermission.organizationTags,
                    SyncroPermission.ticketTags,
                ],
                userID: 118
            ),
            SimulatorToken(
                token: "sfdemo-readonly-8d2e6f1a4c7b9e3d5a0c2f8b6e1d4a7c",
                name: "Read-only auditor",
                permissions: [
                    SyncroPermission.customersList,
                    SyncroPermission.customersView,
                    SyncroPermission.assetsList,
                    SyncroPermission.assetsView,
                    SyncroPermission.ticketsList,
                    SyncroPermission.ticketsView,
                    SyncroPermission.ticketAttachmentsView,
                    SyncroPermission.productsList,
                ]
            ),
            SimulatorToken(
                token: "sfdemo-notickets-5a1c7e9b3d2f8a6c4e0b9d7f2a5c3e1b",
                name: "Customers and assets only (no ticket permissions)",
                permissions: [
                    SyncroPermission.customersList,
                    SyncroPermission.customersView,
                    SyncroPermission.assetsList,
                    SyncroPermission.assetsView,
                    SyncroPermission.productsList,
                    SyncroPermission.endUserTags,
                    SyncroPermission.organizationTags,
                ]
            ),
            SimulatorToken(
                token: "sfdemo-migration-6e2b9d4f1a8c3e7b5d0a2c9f4e6b1d8a",
                name: "Migration (every read permission)",
                permissions: [
                    SyncroPermission.customersList,
                    SyncroPermission.customersView,
                    SyncroPermission.assetsList,
                    SyncroPermission.assetsView,
                    SyncroPermission.ticketsList,
                    SyncroPermission.ticketsView,
                    SyncroPermission.ticketAttachmentsView,
                    SyncroPermission.productsList,
                    SyncroPermission.endUserTags,
                    SyncroPermission.organizationTags,
                    SyncroPermission.ticketTags,
                    SyncroPermission.globalAdmin,
                    SyncroPermission.invoicesList,
                    SyncroPermission.invoicesView,
                    SyncroPermission.estimatesList,
                    SyncroPermission.estimatesView,
                    SyncroPermission.paymentsList,
                    SyncroPermission.ticketTimersOverview,
                    SyncroPermission.timelogsManage,
                    SyncroPermission.appointmentsViewAll,
                    SyncroPermission.contractsList,
                    SyncroPermission.leadsList,
                    SyncroPermission.vendorsList,
                    SyncroPermission.purchaseOrdersList,
                    SyncroPermission.partsOrdersList,
                    SyncroPermission.rmmAlertsList,
                    SyncroPermission.documentationUsage,
                ]
            ),
        ])
    }
}
