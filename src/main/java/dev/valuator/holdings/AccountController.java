package dev.valuator.holdings;

import dev.valuator.system.Identifiers;
import dev.valuator.system.InvalidRequest;
import dev.valuator.system.NotFound;
import dev.valuator.system.SuccessBody;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/accounts}: create, rename, read. */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * The body of {@code PUT /api/accounts/{accountId}}.
     *
     * @param name display name, 1–200 characters
     */
    record AccountName(String name) {}

    @PutMapping("/{accountId}")
    SuccessBody<Account> putAccount(@PathVariable String accountId, @RequestBody AccountName body) {
        Identifiers.requireAccountId("accountId", accountId);
        String name = body == null ? null : body.name();
        if (name == null
                || name.isBlank()
                || name.length() > 200
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest("name", "is required: 1-200 characters without control characters");
        }
        return new SuccessBody<>(accounts.save(accountId, name.strip()));
    }

    /**
     * The accounts answer.
     *
     * @param data one page of accounts
     * @param pagination where this page is
     */
    record AccountsPage(List<Account> data, Pagination pagination) {}

    /**
     * Where a page is.
     *
     * @param limit page size
     * @param offset rows skipped
     * @param total all accounts
     */
    record Pagination(int limit, int offset, long total) {}

    @GetMapping
    AccountsPage listAccounts(
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequest("limit", "must be 1-1000");
        }
        if (offset < 0) {
            throw new InvalidRequest("offset", "must be >= 0");
        }
        List<Account> page = accounts.list(limit, offset);
        return new AccountsPage(page, new Pagination(limit, offset, accounts.count()));
    }

    @GetMapping("/{accountId}")
    SuccessBody<Account> getAccount(@PathVariable String accountId) {
        Identifiers.requireAccountId("accountId", accountId);
        return new SuccessBody<>(
                accounts.find(accountId).orElseThrow(() -> new NotFound("Account " + accountId + " not found")));
    }
}
